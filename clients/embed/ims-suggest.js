/*
 * imsSuggest(input, options): names from the IMS Content API as someone types
 * in a search box, offered in a list the keyboard moves through.
 *
 *   <label for="search">Search a condition</label>
 *   <input id="search" type="search">
 *   <script src="https://content.example.org/static/embed/ims-suggest.js"></script>
 *   <script src="your-page.js"></script>
 *
 *   // your-page.js
 *   imsSuggest(document.getElementById("search"), {
 *     types: "condition",
 *     onChoose: function (suggestion) {
 *       document.querySelector("ims-condition").setAttribute("slug", suggestion.slug);
 *     },
 *   });
 *
 * The box becomes a WAI-ARIA 1.2 combobox with a listbox popup (the ARIA
 * Authoring Practices' "list autocomplete" example): ArrowDown and ArrowUp move
 * through the names, Enter chooses one, Escape closes the list (and, once it
 * is closed, empties the box); a click or a touch chooses too. A polite live
 * region says how many names there are ("3 suggestions").
 *
 * It asks GET /api/v1/suggest/ once typing pauses (`delay`), and only the
 * answer to the newest question is shown: an older one still on its way is
 * aborted. Options: onChoose(suggestion) (required; a suggestion is one of the
 * API's results: type, id, slug, title, alias, url), api (the API's origin,
 * default where this script was loaded from), lang (en or fr-ca, default the
 * page's), key (sent as `Authorization: Api-Key <key>`), types (comma list of
 * condition, faq, mechanism; default all), limit (1 to 8, default 8), delay
 * (milliseconds, default 150), fallback(text) (suggestions to offer when the
 * API cannot be reached, shaped like its results, or null for none).
 *
 * It returns {clear()}, which empties the box and closes the list. The list is
 * a <ul class="ims-suggest-list"> placed after the box; style it, its
 * `[role=option]`s, `[aria-selected=true]` (the highlighted one) and
 * `.ims-suggest-alias` to fit your page.
 *
 * The IMS kiosk (clients/kiosk/) uses it too.
 */
(function () {
  "use strict";

  if (window.imsSuggest) return;

  var scriptOrigin = (function () {
    try {
      return new URL(document.currentScript.src).origin;
    } catch (error) {
      return window.location.origin;
    }
  })();

  // An answer slower than this is given up, and `fallback` offered instead.
  var REQUEST_TIMEOUT_MS = 3000;
  var MAX_LENGTH = 100; // the API's bound on `q`

  var WORDS = {
    en: { none: "No suggestions", one: "1 suggestion", many: " suggestions" },
    "fr-ca": { none: "Aucune suggestion", one: "1 suggestion", many: " suggestions" },
  };

  var widgets = 0; // numbers each list's id

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    children.forEach(function (child) {
      if (child) node.append(child);
    });
    return node;
  }

  function language(lang) {
    lang = (lang || document.documentElement.lang || "en").toLowerCase();
    return lang === "fr-ca" || lang === "fr" ? "fr-ca" : "en";
  }

  // Read by screen readers, not shown. Set through the CSSOM: a page's strict
  // Content-Security-Policy forbids style attributes, not this.
  function visuallyHidden(node) {
    Object.assign(node.style, {
      position: "absolute", width: "1px", height: "1px", overflow: "hidden",
      clip: "rect(0 0 0 0)", whiteSpace: "nowrap",
    });
    return node;
  }

  function imsSuggest(input, options) {
    var lang = language(options.lang);
    var words = WORDS[lang];
    var api = (options.api || scriptOrigin).replace(/\/+$/, "");
    var delay = options.delay === undefined ? 150 : options.delay;
    var label = input.labels && input.labels.length ? input.labels[0].textContent.trim() : "";
    var listbox = element("ul", {
      id: (input.id || "ims-suggest") + "-list-" + ++widgets,
      role: "listbox",
      class: "ims-suggest-list",
      "aria-label": label,
      hidden: "",
    }, []);
    var status = visuallyHidden(element("div", { role: "status", class: "ims-suggest-status" }, []));
    var results = [];
    var active = -1; // the highlighted option, -1 for none
    var timer = null;
    var controller = null; // the question on its way, if any

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");
    input.after(listbox, status);

    function suggestUrl(text) {
      var query = new URLSearchParams({ q: text.slice(0, MAX_LENGTH), lang: lang });
      if (options.types) query.set("type", options.types);
      if (options.limit) query.set("limit", String(options.limit));
      return api + "/api/v1/suggest/?" + query;
    }

    function ask(text) {
      if (controller) controller.abort();
      var mine = (controller = new AbortController());
      var timeout = setTimeout(function () {
        mine.abort();
      }, REQUEST_TIMEOUT_MS);
      var headers = { Accept: "application/json" };
      if (options.key) headers.Authorization = "Api-Key " + options.key;
      var answer = navigator.onLine === false
        ? Promise.reject(new Error("offline"))
        : fetch(suggestUrl(text), { headers: headers, signal: mine.signal }).then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        }).then(function (body) {
          return body.results;
        });
      answer
        .catch(function (error) {
          var local = mine === controller && options.fallback ? options.fallback(text) : null;
          if (!local) throw error;
          return local;
        })
        .then(
          function (found) {
            if (mine === controller) show(found);
          },
          function () {
            if (mine === controller) show(null);
          }
        )
        .finally(function () {
          clearTimeout(timeout);
          if (mine === controller) controller = null;
        });
    }

    function cancel() {
      clearTimeout(timer);
      if (controller) controller.abort();
      controller = null;
    }

    // `found` null: nothing could be asked; the list closes without a word.
    function show(found) {
      results = (found || []).slice(0, options.limit || 8);
      listbox.replaceChildren.apply(listbox, results.map(option));
      setOpen(results.length > 0);
      if (!found) status.textContent = "";
      else if (!results.length) status.textContent = words.none;
      else status.textContent = results.length === 1 ? words.one : results.length + words.many;
    }

    function option(suggestion, index) {
      var item = element("li", {
        id: listbox.id + "-" + index,
        role: "option",
        "aria-selected": "false",
        "data-slug": suggestion.slug,
        "data-type": suggestion.type,
      }, [
        element("span", { class: "ims-suggest-title" }, [suggestion.title]),
        suggestion.alias ? element("span", { class: "ims-suggest-alias" }, [" — " + suggestion.alias]) : null,
      ]);
      // Keeps the focus in the box, so that choosing does not first close the list.
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
      });
      item.addEventListener("click", function () {
        choose(index);
      });
      return item;
    }

    function setOpen(open) {
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      if (!open) highlight(-1);
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(listbox.children, function (item, each) {
        item.setAttribute("aria-selected", String(each === index));
      });
      if (index === -1) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var item = listbox.children[index];
      input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      var suggestion = results[index];
      cancel();
      input.value = suggestion.title;
      setOpen(false);
      status.textContent = "";
      options.onChoose(suggestion);
    }

    function clear() {
      cancel();
      input.value = "";
      results = [];
      setOpen(false);
      status.textContent = "";
    }

    input.addEventListener("input", function () {
      var text = input.value.trim();
      clearTimeout(timer);
      if (!text) return clear();
      timer = setTimeout(function () {
        ask(text);
      }, delay);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!results.length) return;
        event.preventDefault();
        setOpen(true);
        if (event.key === "ArrowUp") highlight(active > 0 ? active - 1 : results.length - 1);
        else if (!event.altKey || open) highlight(active + 1 < results.length ? active + 1 : 0);
      } else if (event.key === "Enter" && open && active !== -1) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        // The list's own key: not for the page (the kiosk goes back on Escape).
        event.stopPropagation();
        if (!open) return clear();
        event.preventDefault();
        setOpen(false);
      }
    });

    input.addEventListener("blur", function () {
      setOpen(false);
    });

    return { clear: clear };
  }

  window.imsSuggest = imsSuggest;
})();
