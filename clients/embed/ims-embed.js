/*
 * <ims-condition>: one condition of the IMS Content API, for partners' pages.
 *
 *   <script src="https://content.example.org/embed/ims-embed.js" defer></script>
 *   <ims-condition slug="tennis-elbow" lang="en">
 *     <a href="https://example-clinic.test/ims/conditions/tennis-elbow/">Tennis elbow</a>
 *   </ims-condition>
 *
 * Attributes: slug (required), lang (en, fr-ca; default the page's), api-base
 * (default: where this script was loaded from), api-key (sent as
 * `Authorization: Api-Key <key>`; use a key whose allowed origins include
 * your site), heading-level (2 to 6, default 2).
 *
 * A condition's lead image is shown under its summary (a <picture> of its AVIF,
 * WebP and JPEG renditions, with its alt text, caption and credit; `expand=image`).
 *
 * It renders in a shadow root, so the page's styles do not reach inside it
 * and its styles do not leak out. It inherits the page's font and colour; set
 * --ims-accent, --ims-muted, --ims-border, --ims-background, --ims-radius,
 * --ims-padding and --ims-urgent (the "When to seek urgent care" block's colour)
 * on it to fit your page. Whatever the element contains (a
 * link, say) is shown while it loads and if the content cannot be loaded.
 * It fires `ims-load` (detail: the condition) or `ims-error` (detail: the
 * error) and says which in its `data-state`: loading, ready or error.
 */
(function () {
  "use strict";

  if (window.customElements.get("ims-condition")) return;

  var scriptOrigin = (function () {
    try {
      return new URL(document.currentScript.src).origin;
    } catch (error) {
      return window.location.origin;
    }
  })();

  var CSS = [
    ":host { display: block; font: inherit; color: inherit; line-height: 1.5; }",
    ":host([hidden]) { display: none; }",
    ".card {",
    "  padding: var(--ims-padding, 1.25em 1.5em);",
    "  border: 1px solid var(--ims-border, rgba(0, 0, 0, 0.15));",
    "  border-radius: var(--ims-radius, 0.5em);",
    "  background: var(--ims-background, transparent);",
    "}",
    ".title { margin: 0 0 0.4em; font-size: 1.4em; line-height: 1.25; color: var(--ims-accent, inherit); }",
    ".summary { margin: 0 0 1em; font-size: 1.05em; font-weight: 600; }",
    ".image { margin: 0 0 1em; }",
    ".image img { display: block; max-width: 100%; height: auto; border-radius: var(--ims-radius, 0.5em); }",
    ".image figcaption { margin-top: 0.3em; font-size: 0.85em; color: var(--ims-muted, inherit); }",
    ".image .credit { display: block; }",
    ".body figure { margin: 1em 0; }",
    ".body img { display: block; max-width: 100%; height: auto; }",
    ".body > :first-child { margin-top: 0; }",
    ".body h2, .body h3, .body h4 { font-size: 1.1em; margin: 1.2em 0 0.4em; }",
    "a { color: var(--ims-accent, inherit); }",
    // When to seek urgent care: a block of its own, set apart from the body.
    ".urgent-care { margin: 1em 0; padding: 0.75em 1em; border: 2px solid var(--ims-urgent, #a4262c);",
    "  border-left-width: 0.4em; border-radius: var(--ims-radius, 0.5em); }",
    ".urgent-care .urgent-title { margin: 0 0 0.4em; font-size: 1.1em; color: var(--ims-urgent, #a4262c); }",
    ".urgent-care ul { margin: 0; padding-left: 1.2em; }",
    ".urgent-care li { font-weight: 600; }",
    ".meta { margin-top: 1.25em; padding-top: 0.75em; font-size: 0.85em;",
    "  border-top: 1px solid var(--ims-border, rgba(0, 0, 0, 0.15)); color: var(--ims-muted, inherit); }",
    ".meta p { margin: 0.25em 0; }",
    ".disclaimer { font-weight: 600; }",
    ".error { margin: 0; color: var(--ims-muted, inherit); font-style: italic; }",
    ".loading { opacity: 0.7; }",
  ].join("\n");

  // Constructed style sheets are not inline styles, so a page's strict
  // Content-Security-Policy (no 'unsafe-inline') still lets them apply.
  var sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  } catch (error) {
    sheet = null;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined) {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function formatDate(isoDate, lang) {
    var date = new Date(isoDate.slice(0, 10) + "T12:00:00Z");
    if (isNaN(date)) return isoDate;
    try {
      return date.toLocaleDateString(lang === "fr-ca" ? "fr-CA" : lang || "en", {
        year: "numeric", month: "long", day: "numeric", timeZone: "UTC",
      });
    } catch (error) {
      return isoDate.slice(0, 10);
    }
  }

  var WORDS = {
    en: { reviewed: "Last reviewed", by: "by", pending: "Pending clinical review",
      overdue: "review due", source: "Read it at the source", error: "This content is not available right now.",
      urgent: "When to seek urgent care", machine: "Machine translation", unreviewed: "not yet reviewed",
      translationReviewed: "reviewed" },
    "fr-ca": { reviewed: "Dernière révision", by: "par", pending: "Révision clinique à venir",
      overdue: "révision à faire", source: "Lire à la source", error: "Ce contenu n’est pas disponible pour le moment.",
      urgent: "Quand consulter d’urgence", machine: "Traduction automatique", unreviewed: "non révisée",
      translationReviewed: "révisée" },
  };

  class ImsCondition extends HTMLElement {
    static get observedAttributes() {
      return ["slug", "lang", "api-base", "api-key"];
    }

    constructor() {
      super();
      this.root = this.attachShadow({ mode: "open" });
      if (sheet && "adoptedStyleSheets" in this.root) this.root.adoptedStyleSheets = [sheet];
      else this.root.appendChild(element("style", {}, [CSS]));
      this.content = element("div", { class: "card", part: "card" });
      this.root.appendChild(this.content);
      this.request = null;
      this.pending = false;
    }

    connectedCallback() {
      this.scheduleLoad();
    }

    disconnectedCallback() {
      if (this.request) this.request.abort();
    }

    attributeChangedCallback(name, before, after) {
      if (before !== after && this.isConnected) this.scheduleLoad();
    }

    // Upgrading an element reports each attribute, then the connection: load once.
    scheduleLoad() {
      if (this.pending) return;
      this.pending = true;
      var self = this;
      queueMicrotask(function () {
        self.pending = false;
        if (self.isConnected) self.load();
      });
    }

    get language() {
      var lang = (this.getAttribute("lang") || document.documentElement.lang || "en").toLowerCase();
      return lang === "fr-ca" || lang === "fr" ? "fr-ca" : "en";
    }

    words() {
      return WORDS[this.language] || WORDS.en;
    }

    load() {
      var slug = this.getAttribute("slug");
      if (this.request) this.request.abort();
      if (!slug) return this.fail(new Error("<ims-condition> needs a slug attribute."));
      this.request = new AbortController();
      this.show("loading", [element("div", { class: "loading" }, [element("slot")])]);
      var base = (this.getAttribute("api-base") || scriptOrigin).replace(/\/+$/, "");
      var url = base + "/api/v1/conditions/" + encodeURIComponent(slug) + "/?expand=image&lang=" +
        this.language;
      this.base = base;
      var headers = { Accept: "application/json" };
      if (this.getAttribute("api-key")) headers.Authorization = "Api-Key " + this.getAttribute("api-key");
      var self = this;
      fetch(url, { headers: headers, signal: this.request.signal })
        .then(function (response) {
          return response.json().then(function (body) {
            if (response.ok) return body;
            // An RFC 9457 problem: `title` and `detail` say what went wrong.
            var error = new Error(body.detail || body.title || "HTTP " + response.status);
            error.problem = body;
            throw error;
          });
        })
        .then(
          function (condition) { self.render(condition); },
          function (error) { if (error.name !== "AbortError") self.fail(error); }
        );
    }

    // `children` may hold null for a part the item does not have.
    show(state, children) {
      this.dataset.state = state;
      this.content.replaceChildren.apply(this.content, children.filter(function (child) {
        return child !== null && child !== undefined;
      }));
    }

    render(condition) {
      var words = this.words();
      var level = Math.min(6, Math.max(2, Number(this.getAttribute("heading-level")) || 2));
      // Text served in English for want of a translation says so (`fallback_fields`).
      var fallback = function (field) {
        return (condition.fallback_fields || []).indexOf(field) === -1 ? null : "en";
      };
      var body = element("div", { class: "body", part: "body", lang: fallback("body") });
      // `body` is HTML the API sanitized with an allow-list of tags (DESIGN 1.3). It
      // ends with the urgent-care statements, shown below as a block of their own.
      body.innerHTML = condition.body;
      body.querySelectorAll("aside.urgent-care").forEach(function (aside) { aside.remove(); });
      this.absoluteImages(body);
      var attribution = condition.attribution;
      var licence = attribution.license_url
        ? element("a", { href: attribution.license_url, rel: "license" }, [attribution.license])
        : attribution.license;
      this.show("ready", [
        element("h" + level, { class: "title", part: "title", lang: fallback("name") }, [
          condition.name,
        ]),
        element("p", { class: "summary", lang: fallback("summary") }, [condition.summary]),
        this.figure(condition.image),
        body,
        this.urgentCare(condition, Math.min(6, level + 1), fallback("urgent_care")),
        element("div", { class: "meta", part: "meta" }, [
          element("p", { class: "review" }, [this.review(condition)]),
          this.translationNote(condition.translation),
          // The medical disclaimer travels with the content (DESIGN 1.7).
          attribution.disclaimer
            ? element("p", { class: "disclaimer", part: "disclaimer" }, [attribution.disclaimer])
            : null,
          element("p", { class: "attribution" }, [attribution.text + " ", licence]),
          element("p", { class: "canonical" }, [
            element("a", { href: attribution.canonical_url, class: "canonical-link" }, [words.source]),
          ]),
        ]),
      ]);
      this.dispatchEvent(new CustomEvent("ims-load", { detail: condition }));
    }

    // Renditions are named relative to the API's origin, not the page's: made absolute.
    absoluteImages(body) {
      var base = this.base + "/";
      body.querySelectorAll("img[src], img[srcset], source[srcset]").forEach(function (node) {
        if (node.getAttribute("src")) node.setAttribute("src", new URL(node.getAttribute("src"), base).href);
        if (node.getAttribute("srcset")) {
          node.setAttribute("srcset", node.getAttribute("srcset").split(", ").map(function (candidate) {
            var parts = candidate.split(" ");
            return new URL(parts[0], base).href + " " + parts[1];
          }).join(", "));
        }
      });
    }

    // The lead image (inlined by expand=image): every format for the browser to choose
    // from, its URLs made absolute against the API's (the page is on another origin).
    figure(image) {
      if (!image || !image.src) return null;
      var sizes = "(min-width: 40em) 40em, 100vw";
      var lang = function (field) {
        return (image.fallback_fields || []).indexOf(field) === -1 ? null : "en";
      };
      var sources = ["avif", "webp"].filter(function (kind) {
        return image.srcset[kind];
      }).map(function (kind) {
        return element("source", { type: "image/" + kind, srcset: image.srcset[kind], sizes: sizes });
      });
      var img = element("img", {
        src: image.src, srcset: image.srcset.jpeg || null, sizes: sizes, alt: image.alt,
        lang: lang("alt"), width: image.width, height: image.height, loading: "lazy", decoding: "async",
      });
      var caption = image.caption || image.credit
        ? element("figcaption", {}, [
          image.caption ? element("span", { lang: lang("caption") }, [image.caption]) : null,
          image.credit ? element("span", { class: "credit" }, [image.credit]) : null,
        ])
        : null;
      var figure = element("figure", { class: "image", part: "image" }, [element("picture", {}, sources.concat([img])), caption]);
      this.absoluteImages(figure);
      return figure;
    }

    // When to seek urgent care: safety advice, every statement shown, approved by a
    // clinical reviewer or not yet (each says which in data-review-status).
    urgentCare(condition, level, lang) {
      var statements = condition.urgent_care || [];
      if (!statements.length) return null;
      var labelled = { class: "urgent-care", part: "urgent-care", "aria-labelledby": "urgent-title" };
      return element("section", labelled, [
        element("h" + level, { class: "urgent-title", id: "urgent-title" }, [this.words().urgent]),
        element("ul", { lang: lang }, statements.map(function (statement) {
          return element("li", { "data-review-status": statement.review_status }, [statement.text]);
        })),
      ]);
    }

    // A machine translation says so, and whether a reviewer has read it (DESIGN 1.7).
    translationNote(translation) {
      if (!translation || translation.status !== "machine") return null;
      var words = this.words();
      var review = translation.reviewed_by
        ? words.translationReviewed + " " + words.by + " " + translation.reviewed_by.name +
          (translation.reviewed_by.credentials ? ", " + translation.reviewed_by.credentials : "") +
          " " + formatDate(translation.reviewed_at, this.language)
        : words.unreviewed;
      return element("p", { class: "translation", part: "translation" }, [words.machine + ", " + review + "."]);
    }

    review(condition) {
      var words = this.words();
      if (!condition.last_reviewed) return words.pending;
      var text = words.reviewed + " " + formatDate(condition.last_reviewed, this.language);
      if (condition.reviewed_by) {
        text += " " + words.by + " " + condition.reviewed_by.name;
        if (condition.reviewed_by.credentials) text += ", " + condition.reviewed_by.credentials;
      }
      return condition.review_overdue ? text + " (" + words.overdue + ")" : text;
    }

    fail(error) {
      this.show("error", [
        element("p", { class: "error", role: "status" }, [this.words().error]),
        element("slot"),
      ]);
      this.dispatchEvent(new CustomEvent("ims-error", { detail: error }));
    }
  }

  window.customElements.define("ims-condition", ImsCondition);
})();
