"use strict";
// Live Markdown preview for editors: posts the source to the admin's
// markdown-preview endpoint, which renders and sanitizes it exactly as saving does.
// The widget names that endpoint (data-preview-url): it is the same from the add
// and change pages and from a history version's page.
(function () {
  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(preview) {
    const textarea = document.getElementById(preview.dataset.previewFor);
    if (!textarea) return;
    let timer = null;
    const refresh = () => {
      const body = new URLSearchParams({ source: textarea.value });
      fetch(preview.dataset.previewUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken() },
        body: body,
        credentials: "same-origin",
      })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => { preview.innerHTML = data.html; })
        .catch(() => { preview.textContent = "Preview unavailable."; });
    };
    textarea.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
    if (textarea.value) refresh();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".ims-markdown-preview").forEach(attach);
  });
})();
