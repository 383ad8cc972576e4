// The demo's search box: choosing a condition shows it in the <ims-condition> below.
imsSuggest(document.getElementById("condition-search"), {
  types: "condition",
  lang: "en",
  onChoose: function (suggestion) {
    document.getElementById("chosen").setAttribute("slug", suggestion.slug);
  },
});
