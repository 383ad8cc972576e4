/*
 * IMS waiting-room kiosk: plain JavaScript, no build step.
 *
 * Loads everything once from GET /api/v1/bundle/, keeps it in IndexedDB, then
 * follows GET /api/v1/changes/?since=<cursor>: a created or updated item is
 * fetched again from its detail URL, a removed one is dropped. Each image's
 * rendition is kept in the Cache API (its SHA-256 checked where the browser can).
 * When the API cannot be reached the kiosk keeps showing what it stored, images
 * included, with a discreet "offline" note.
 *
 * Settings, as data attributes on <html> or as query parameters of the page
 * (the query wins): api (API origin, default this page's), lang (default en),
 * key (an API key, sent as `Authorization: Api-Key <key>`), poll (seconds
 * between change checks, default 60), idle (seconds before returning to the
 * start screen, default 120; 0 never).
 */
(function () {
  "use strict";

  var settings = readSettings();
  var DB_NAME = "ims-kiosk";
  var STORE = "bundles";
  var REQUEST_TIMEOUT_MS = 10000;
  var CHANGES_LIMIT = 100;
  // The feed carries conditions, FAQs and mechanisms, not the body regions:
  // the whole bundle is loaded again this often to pick up their changes.
  var BUNDLE_MAX_AGE_MS = 6 * 3600 * 1000;

  // What the kiosk itself says, per language it serves (content comes from the API).
  // In French, IMS keeps its name: "stimulation intramusculaire (IMS)", then "l’IMS", as
  // the API's JSON-LD and disclaimer say it (the acronym patients search for).
  var WORDS = {
    en: {
      title: "How IMS may help",
      intro: "Intramuscular Stimulation (IMS) in physiotherapy: touch a part of the body, then a condition, to read about it.",
      offline: "Offline: showing saved content",
      colophon: "Ask our team if you have any questions about your own care.",
      loading: "Loading…",
      unavailable: "The content cannot be loaded right now. It will appear as soon as the connection is back.",
      saved: "Saved",
      regions: "Body regions",
      where: "Where does it hurt?",
      all: "All conditions",
      conditions: "conditions",
      back: "← Back to the list",
      aliases: "Also called",
      helps: "How IMS may help",
      urgent: "When to seek urgent care",
      related: "Questions people ask",
      general: "Common questions about IMS",
      reviewed: "Last reviewed",
      by: "by",
      overdue: "review due",
      pending: "Pending clinical review",
      updated: "Updated",
      home: "Read it at home:",
      machine: "Machine translation",
      unreviewed: "not yet reviewed",
      translationReviewed: "reviewed",
      search: "Search a condition",
    },
    "fr-ca": {
      title: "Comment l’IMS peut aider",
      intro: "La stimulation intramusculaire (IMS) en physiothérapie : touchez une partie du corps, puis une affection, pour en savoir plus.",
      offline: "Hors ligne : contenu enregistré",
      colophon: "Posez vos questions sur vos propres soins à notre équipe.",
      loading: "Chargement…",
      unavailable: "Le contenu ne peut pas être chargé pour le moment. Il s’affichera dès le retour de la connexion.",
      saved: "Enregistré le",
      regions: "Régions du corps",
      where: "Où avez-vous mal?",
      all: "Toutes les affections",
      conditions: "affections",
      back: "← Retour à la liste",
      aliases: "Aussi appelée",
      helps: "Comment l’IMS peut aider",
      urgent: "Quand consulter d’urgence",
      related: "Questions fréquentes",
      general: "Questions fréquentes sur l’IMS",
      reviewed: "Dernière révision le",
      by: "par",
      overdue: "révision à faire",
      pending: "Révision clinique à venir",
      updated: "Mis à jour le",
      home: "À lire à la maison :",
      machine: "Traduction automatique",
      unreviewed: "non révisée",
      translationReviewed: "révisée",
      search: "Chercher une affection",
    },
  };
  var words = WORDS[settings.lang] || WORDS.en;

  var state = null; // {bundle, cursor, loadedAt, savedAt}: what is shown and stored
  var offline = false;
  var pollTimer = null;
  var idleTimer = null;
  var search = null; // the search box's {clear()}

  function readSettings() {
    var root = document.documentElement.dataset;
    var query = new URLSearchParams(window.location.search);
    function get(name, fallback) {
      return query.get(name) || root[name] || fallback;
    }
    return {
      api: get("api", window.location.origin).replace(/\/+$/, ""),
      lang: get("lang", "en"),
      key: get("key", ""),
      pollSeconds: Math.max(1, Number(get("poll", "60")) || 60),
      idleSeconds: Math.max(0, Number(get("idle", "120")) || 0),
    };
  }

  // ---- the API -----------------------------------------------------------

  function apiGet(path) {
    var url = path.indexOf("http") === 0 ? path : settings.api + path;
    var headers = { Accept: "application/json" };
    if (settings.key) headers.Authorization = "Api-Key " + settings.key;
    var controller = new AbortController();
    var timer = setTimeout(function () {
      controller.abort();
    }, REQUEST_TIMEOUT_MS);
    return fetch(url, { headers: headers, signal: controller.signal })
      .then(function (response) {
        if (response.ok) return response.json();
        return response.json().then(
          function (problem) {
            throw apiError(response.status, problem);
          },
          function () {
            throw apiError(response.status, null);
          }
        );
      })
      .finally(function () {
        clearTimeout(timer);
      });
  }

  // An error answer from the API: `problem` is its application/problem+json body.
  function apiError(status, problem) {
    var error = new Error((problem && problem.detail) || "HTTP " + status);
    error.status = status;
    error.problem = problem;
    return error;
  }

  function withLang(path) {
    return path + (path.indexOf("?") === -1 ? "?" : "&") + "lang=" + encodeURIComponent(settings.lang);
  }

  // ---- storage (IndexedDB; the kiosk still works, unsaved, without it) -------

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE);
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function storage(mode, action) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = action(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(request.result);
        };
        transaction.onerror = transaction.onabort = function () {
          db.close();
          reject(transaction.error);
        };
      });
    });
  }

  function load() {
    return storage("readonly", function (store) {
      return store.get(settings.lang);
    }).catch(function () {
      return null;
    });
  }

  function save() {
    state.savedAt = new Date().toISOString();
    return storage("readwrite", function (store) {
      return store.put(state, settings.lang);
    }).catch(function (error) {
      console.warn("The kiosk could not store its content:", error);
    });
  }

  // ---- syncing -------------------------------------------------------------

  function loadBundle() {
    return apiGet(withLang("/api/v1/bundle/")).then(function (bundle) {
      state = { bundle: bundle, cursor: bundle.cursor, loadedAt: Date.now(), savedAt: null };
      return save();
    });
  }

  // Follows the feed from the stored cursor until a page comes back short.
  function followChanges() {
    var path = "/api/v1/changes/?limit=" + CHANGES_LIMIT + "&since=" + encodeURIComponent(state.cursor);
    return apiGet(path).then(function (page) {
      if (!page.events.length) return false;
      return applyEvents(page.events).then(function () {
        state.cursor = page.cursor;
        return save();
      }).then(function () {
        return page.events.length < CHANGES_LIMIT ? true : followChanges().then(function () {
          return true;
        });
      });
    });
  }

  var COLLECTIONS = { condition: "conditions", faq: "faqs", mechanism: "mechanisms", image: "images" };

  function applyEvents(events) {
    // Only the last event of each item matters; fetch each changed item once.
    var last = new Map();
    events.forEach(function (event) {
      last.set(event.id, event);
    });
    var work = Array.from(last.values()).map(function (event) {
      var collection = COLLECTIONS[event.type];
      if (!collection) return Promise.resolve();
      if (event.kind === "removed" || !event.url) {
        drop(collection, event.id);
        return Promise.resolve();
      }
      return apiGet(withLang(event.url)).then(
        function (item) {
          put(collection, item);
        },
        function (error) {
          if (error.status === 404) drop(collection, event.id);
          else throw error;
        }
      );
    });
    return Promise.all(work);
  }

  function put(collection, item) {
    var items = state.bundle[collection] = state.bundle[collection] || [];
    var index = items.findIndex(function (existing) {
      return existing.id === item.id;
    });
    if (index === -1) items.push(item);
    else items[index] = item;
  }

  function drop(collection, id) {
    state.bundle[collection] = (state.bundle[collection] || []).filter(function (item) {
      return item.id !== id;
    });
  }

  function sync(afterRejectedCursor) {
    var fresh = state && Date.now() - (state.loadedAt || 0) < BUNDLE_MAX_AGE_MS;
    var work = fresh ? followChanges() : loadBundle().then(function () {
      return true;
    });
    return work.then(
      function (changed) {
        setOffline(false);
        if (changed) render();
        return cacheImages();
      },
      function (error) {
        // A cursor the feed no longer knows (another or a re-created database):
        // load the bundle again, keeping what is shown until it arrives.
        if (error.status === 400 && fresh && !afterRejectedCursor) {
          state.loadedAt = 0;
          return sync(true);
        }
        setOffline(true);
        if (!state) render();
      }
    );
  }

  function schedulePolling() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(function () {
      sync().finally(schedulePolling);
    }, settings.pollSeconds * 1000);
  }

  // ---- images (the Cache API: what is shown offline) ----------------------

  var IMAGE_CACHE = "ims-kiosk-images";
  var IMAGE_MAX_WIDTH = 1024;

  // The rendition the kiosk shows of an image: WebP (JPEG where there is none), in
  // the picture's own proportions, the widest up to IMAGE_MAX_WIDTH pixels.
  function kioskRendition(image) {
    var own = (image.renditions || []).filter(function (r) { return !r.crop; });
    var kind = own.some(function (r) { return r.format === "webp"; }) ? "webp" : "jpeg";
    var widths = own.filter(function (r) { return r.format === kind; })
      .sort(function (a, b) { return a.width - b.width; });
    var fitting = widths.filter(function (r) { return r.width <= IMAGE_MAX_WIDTH; });
    return (fitting.length ? fitting : widths).pop() || null;
  }

  function imageUrl(rendition) {
    return new URL(rendition.url, settings.api + "/").href;
  }

  // Every image's rendition fetched into the cache once, and kept only if its
  // SHA-256 is the one the bundle gives; those no longer in the bundle are dropped.
  function cacheImages() {
    if (!window.caches || !state) return Promise.resolve();
    var wanted = new Map();
    (state.bundle.images || []).forEach(function (image) {
      var rendition = kioskRendition(image);
      if (rendition) wanted.set(imageUrl(rendition), rendition);
    });
    return caches.open(IMAGE_CACHE).then(function (cache) {
      return cache.keys().then(function (requests) {
        var have = new Set(requests.map(function (request) { return request.url; }));
        var work = requests.filter(function (request) {
          return !wanted.has(request.url);
        }).map(function (request) { return cache.delete(request); });
        wanted.forEach(function (rendition, url) {
          if (!have.has(url)) work.push(cacheImage(cache, url, rendition));
        });
        return Promise.all(work);
      });
    }).catch(function (error) {
      console.warn("The kiosk could not keep its images:", error);
    });
  }

  function cacheImage(cache, url, rendition) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
      return response.arrayBuffer();
    }).then(function (body) {
      return sha256(body).then(function (digest) {
        if (digest !== null && digest !== rendition.sha256) {
          throw new Error("The image at " + url + " is not the one the bundle names.");
        }
        var headers = { "Content-Type": rendition.type };
        return cache.put(url, new Response(body, { headers: headers }));
      });
    }).catch(function (error) {
      console.warn("The kiosk could not save an image:", error);
    });
  }

  // The hex SHA-256 of `body`; null where the browser has no crypto.subtle (a page
  // served over plain HTTP from another host than localhost).
  function sha256(body) {
    if (!window.crypto || !window.crypto.subtle) return Promise.resolve(null);
    return window.crypto.subtle.digest("SHA-256", body).then(function (digest) {
      return Array.from(new Uint8Array(digest)).map(function (byte) {
        return byte.toString(16).padStart(2, "0");
      }).join("");
    });
  }

  // `img` shows the rendition at `url` from the cache, and from the network when it
  // is not there (yet).
  function showImage(img, url) {
    var fromNetwork = function () { img.src = url; };
    if (!window.caches) return fromNetwork();
    caches.match(url, { cacheName: IMAGE_CACHE }).then(function (cached) {
      if (!cached) return fromNetwork();
      return cached.blob().then(function (blob) {
        var local = URL.createObjectURL(blob);
        img.addEventListener("load", function () { URL.revokeObjectURL(local); }, { once: true });
        img.src = local;
      });
    }).catch(fromNetwork);
  }

  // An item's lead image, with its alt text, caption and credit; null without one.
  function leadImage(item) {
    var image = item.image && (state.bundle.images || []).find(function (candidate) {
      return candidate.id === item.image.id;
    });
    var rendition = image && kioskRendition(image);
    if (!rendition) return null;
    var img = h("img", {
      alt: image.alt, lang: fallback(image, "alt"), width: rendition.width,
      height: rendition.height, decoding: "async",
    });
    showImage(img, imageUrl(rendition));
    var caption = image.caption || image.credit
      ? h("figcaption", null,
        image.caption ? h("span", { lang: fallback(image, "caption") }, image.caption) : null,
        image.credit ? h("span", { class: "credit" }, image.credit) : null)
      : null;
    return h("figure", { class: "lead-image" }, img, caption);
  }

  // ---- rendering -----------------------------------------------------------

  // h("p", {class: "x"}, "text", child): a DOM element; no HTML strings.
  function h(tag, attributes) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name.indexOf("on") === 0) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) append(element, arguments[i]);
    return element;
  }

  function append(parent, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (each) { append(parent, each); });
    else parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }

  // The API's `body` is HTML sanitized by the server (an allow-list of tags).
  // "en" where `field` of `item` is served in English for want of a translation
  // (the API lists those in `fallback_fields`): screen readers then say it in English.
  function fallback(item, field) {
    return (item.fallback_fields || []).indexOf(field) === -1 ? null : "en";
  }

  function richText(html, lang) {
    var container = h("div", { class: "rich-text", lang: lang });
    container.innerHTML = html || "";
    return container;
  }

  function byId(collection, id) {
    return state.bundle[collection].find(function (item) {
      return item.id === id;
    });
  }

  function route() {
    var parts = window.location.hash.replace(/^#\/?/, "").split("/");
    if (parts[0] === "condition" && parts[1]) return { condition: decodeURIComponent(parts[1]) };
    if (parts[0] === "region" && parts[1]) return { region: decodeURIComponent(parts[1]) };
    return {};
  }

  // Re-draws the screen for the current route. After navigating, `focus` moves the
  // keyboard focus to what the visitor will read, or back to where they were.
  function render(focus) {
    var main = document.getElementById("main");
    var active = document.activeElement;
    var activeKey = active && (active.dataset.slug || active.dataset.region);
    if (!state) {
      main.replaceChildren(
        h("p", { class: "message" }, offline
          ? words.unavailable
          : words.loading)
      );
      return;
    }
    var where = route();
    var condition = where.condition && state.bundle.conditions.find(function (item) {
      return item.slug === where.condition;
    });
    document.getElementById("search").hidden = Boolean(condition) || !search;
    if (condition) {
      main.replaceChildren(renderCondition(condition));
      if (focus) document.getElementById("condition-title").focus();
    } else {
      main.replaceChildren(renderBrowser(where.region));
      var target = focus ? focus.key : activeKey;
      var match = target !== undefined && main.querySelector(
        '[data-slug="' + CSS.escape(target) + '"], [data-region="' + CSS.escape(target) + '"]'
      );
      var showList = Boolean(focus && focus.showList) && window.matchMedia(STACKED).matches;
      if (match) match.focus({ preventScroll: showList });
      if (showList) document.getElementById("conditions-title").scrollIntoView({ block: "start" });
    }
    // On every screen: the medical disclaimer, in the bundle's language (DESIGN 1.7).
    document.getElementById("disclaimer").textContent =
      state.bundle.disclaimer ? state.bundle.disclaimer.text : "";
    document.getElementById("saved").textContent = state.savedAt
      ? words.saved + " " + formatDate(state.savedAt.slice(0, 10))
      : "";
  }

  function renderBrowser(regionSlug) {
    var conditions = state.bundle.conditions;
    var regions = state.bundle.body_regions
      .map(function (region) {
        var count = conditions.filter(function (condition) {
          return inRegion(condition, region.slug);
        }).length;
        return { slug: region.slug, name: region.name, count: count, lang: fallback(region, "name") };
      })
      .filter(function (region) {
        return region.count > 0;
      });
    var region = regions.find(function (each) {
      return each.slug === regionSlug;
    });
    var shown = region
      ? conditions.filter(function (condition) { return inRegion(condition, region.slug); })
      : conditions;
    return h("div", { class: "browser" },
      h("nav", { class: "regions", "aria-label": words.regions },
        h("h2", { class: "regions-title" }, words.where),
        h("ul", { class: "region-list" },
          h("li", null, regionButton("", words.all, conditions.length, !region)),
          regions.map(function (each) {
            return h("li", null,
              regionButton(each.slug, each.name, each.count, region === each, each.lang));
          })
        )
      ),
      h("section", { class: "conditions", "aria-labelledby": "conditions-title" },
        h("h2", { id: "conditions-title", lang: region ? region.lang : null },
          region ? region.name : words.all),
        h("ul", { class: "tiles", id: "condition-list" },
          shown.map(function (condition) {
            return h("li", null,
              h("button", {
                type: "button",
                class: "tile",
                "data-slug": condition.slug,
                onclick: function () { go("#/condition/" + encodeURIComponent(condition.slug)); },
              },
                h("span", { class: "tile-name", lang: fallback(condition, "name") }, condition.name),
                h("span", { class: "tile-summary", lang: fallback(condition, "summary") },
                  condition.summary)
              )
            );
          })
        )
      )
    );
  }

  function regionButton(slug, name, count, current, lang) {
    return h("button", {
      type: "button",
      class: "region",
      "data-region": slug,
      "aria-pressed": current ? "true" : "false",
      onclick: function () {
        go(slug ? "#/region/" + encodeURIComponent(slug) : "#/", undefined, true);
      },
    }, h("span", { lang: lang }, name), h("span", { class: "count" }, String(count),
      h("span", { class: "visually-hidden" }, " " + words.conditions)));
  }

  function inRegion(condition, regionSlug) {
    return condition.body_regions.some(function (region) {
      return region.slug === regionSlug;
    });
  }

  function renderCondition(condition) {
    return h("article", { class: "condition", "aria-labelledby": "condition-title" },
      h("button", { type: "button", class: "back", id: "back", onclick: back }, words.back),
      h("h2", { id: "condition-title", tabindex: "-1", lang: fallback(condition, "name") },
        condition.name),
      condition.aliases.length
        ? h("p", { class: "aliases" }, words.aliases + " ",
          h("span", { lang: fallback(condition, "aliases") }, condition.aliases.join(", ")))
        : null,
      h("p", { class: "lead", lang: fallback(condition, "summary") }, condition.summary),
      leadImage(condition),
      conditionBody(condition),
      renderUrgentCare(condition),
      renderMechanisms(condition),
      renderFaqs(condition),
      renderProvenance(condition)
    );
  }

  // The API ends a condition's body with its urgent-care statements (an
  // <aside class="urgent-care">); the kiosk shows them from `urgent_care` instead,
  // in a block of its own.
  function conditionBody(condition) {
    var body = richText(condition.body, fallback(condition, "body"));
    body.querySelectorAll("aside.urgent-care").forEach(function (aside) {
      aside.remove();
    });
    keptFigures(body);
    return body;
  }

  // A figure the body places shows the kiosk's kept rendition of its image (offline
  // too), found by the URL of one of its renditions.
  function keptFigures(body) {
    body.querySelectorAll("figure img").forEach(function (img) {
      var url = imageUrl({ url: img.getAttribute("src") || "" });
      var image = (state.bundle.images || []).find(function (candidate) {
        return (candidate.renditions || []).some(function (r) { return imageUrl(r) === url; });
      });
      var rendition = image && kioskRendition(image);
      if (!rendition) return;
      var picture = img.closest("picture");
      if (picture) picture.querySelectorAll("source").forEach(function (source) { source.remove(); });
      img.removeAttribute("srcset");
      img.removeAttribute("src");
      showImage(img, imageUrl(rendition));
    });
  }

  // When to seek urgent care: safety advice, every statement shown, whether or not a
  // clinical reviewer has approved it yet (each says which in data-review-status).
  function renderUrgentCare(condition) {
    var statements = condition.urgent_care || [];
    if (!statements.length) return null;
    return h("section", { class: "urgent-care", "aria-labelledby": "urgent-care-title" },
      h("h3", { id: "urgent-care-title" }, words.urgent),
      h("ul", { lang: fallback(condition, "urgent_care") }, statements.map(function (statement) {
        return h("li", { "data-review-status": statement.review_status }, statement.text);
      }))
    );
  }

  function renderMechanisms(condition) {
    if (!condition.mechanisms.length) return null;
    return h("section", { class: "mechanisms", "aria-labelledby": "mechanisms-title" },
      h("h3", { id: "mechanisms-title" }, words.helps),
      h("ul", null, condition.mechanisms.map(function (link) {
        var mechanism = byId("mechanisms", link.id);
        return h("li", { class: "mechanism" },
          h("h4", { lang: mechanism ? fallback(mechanism, "name") : null },
            mechanism ? mechanism.name : link.name),
          h("p", null, link.note),
          mechanism
            ? h("p", { class: "mechanism-summary", lang: fallback(mechanism, "summary") },
              mechanism.summary)
            : null
        );
      }))
    );
  }

  function renderFaqs(condition) {
    var related = state.bundle.faqs.filter(function (faq) {
      return condition.faqs.some(function (ref) { return ref.id === faq.id; }) ||
        faq.conditions.some(function (ref) { return ref.id === condition.id; });
    });
    var general = related.length ? [] : state.bundle.faqs.filter(function (faq) {
      return !faq.conditions.length;
    });
    var faqs = related.length ? related : general;
    if (!faqs.length) return null;
    return h("section", { class: "faqs", "aria-labelledby": "faqs-title" },
      h("h3", { id: "faqs-title" }, related.length ? words.related : words.general),
      faqs.map(function (faq) {
        return h("details", { class: "faq" },
          h("summary", null, faq.question),
          h("p", { class: "lead" }, faq.summary),
          richText(faq.body)
        );
      })
    );
  }

  function renderProvenance(item) {
    var attribution = item.attribution;
    var review = item.last_reviewed
      ? words.reviewed + " " + formatDate(item.last_reviewed) +
        (item.reviewed_by ? " " + words.by + " " + item.reviewed_by.name +
          (item.reviewed_by.credentials ? ", " + item.reviewed_by.credentials : "") : "") +
        (item.review_overdue ? " (" + words.overdue + ")" : "")
      : words.pending;
    // Text, not links: a kiosk does not let visitors wander off to other sites.
    return h("footer", { class: "provenance" },
      h("p", { class: "review" },
        review + ". " + words.updated + " " + formatDate(item.updated_at.slice(0, 10)) + "."),
      translationNote(item.translation),
      // The medical disclaimer, as the item carries it (newest with every change followed).
      attribution.disclaimer ? h("p", { class: "disclaimer" }, attribution.disclaimer) : null,
      h("p", { class: "attribution" },
        attribution.text + " " + attribution.license +
        (attribution.license_url ? " (" + attribution.license_url + ")" : "") + "."),
      h("p", { class: "canonical" }, words.home + " ", h("span", { class: "url" }, attribution.canonical_url))
    );
  }

  // A machine translation says so, and whether a reviewer has read it (DESIGN 1.7).
  function translationNote(translation) {
    if (!translation || translation.status !== "machine") return null;
    var review = translation.reviewed_by
      ? words.translationReviewed + " " + words.by + " " + translation.reviewed_by.name +
        (translation.reviewed_by.credentials ? ", " + translation.reviewed_by.credentials : "") +
        " " + formatDate(translation.reviewed_at)
      : words.unreviewed;
    return h("p", { class: "translation" }, words.machine + ", " + review + ".");
  }

  function formatDate(isoDate) {
    var date = new Date(isoDate + "T12:00:00Z");
    if (isNaN(date)) return isoDate;
    return date.toLocaleDateString(settings.lang === "fr-ca" ? "fr-CA" : "en-CA", {
      year: "numeric", month: "long", day: "numeric", timeZone: "UTC",
    });
  }

  function setOffline(value) {
    offline = value;
    document.getElementById("offline").hidden = !value;
  }

  // ---- navigation ----------------------------------------------------------

  var lastList = "#/"; // the list a condition was opened from
  var returnFocus = null; // what to focus once the next navigation renders
  // kiosk.css's breakpoint under which the regions stack above the conditions.
  var STACKED = "(max-width: 900px)";

  // `showList`: on a narrow screen, where the conditions are below the regions,
  // bring them into view (a region was chosen: its conditions are what to read).
  function go(hash, focusKey, showList) {
    var active = document.activeElement;
    returnFocus = {
      key: focusKey || (active && (active.dataset.slug || active.dataset.region)),
      showList: Boolean(showList),
    };
    if (window.location.hash === hash) navigated();
    else window.location.hash = hash;
  }

  function back() {
    var slug = route().condition;
    if (!slug) return go("#/");
    // Back to the list the visitor came from, on the tile they opened.
    go(lastList, slug);
  }

  function navigated() {
    if (!route().condition) lastList = window.location.hash || "#/";
    var focus = returnFocus || { key: undefined };
    returnFocus = null;
    render(focus);
  }

  window.addEventListener("hashchange", navigated);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && route().condition) back();
  });

  // A waiting-room screen goes back to its start when nobody uses it.
  function restartIdleTimer() {
    clearTimeout(idleTimer);
    if (!settings.idleSeconds) return;
    idleTimer = setTimeout(function () {
      if (search) search.clear();
      if (window.location.hash && window.location.hash !== "#/") go("#/");
      window.scrollTo(0, 0);
    }, settings.idleSeconds * 1000);
  }
  ["pointerdown", "keydown", "scroll"].forEach(function (name) {
    document.addEventListener(name, restartIdleTimer, { passive: true });
  });

  // ---- search --------------------------------------------------------------

  // Conditions only: the kiosk shows conditions, and FAQs and mechanisms within them.
  function startSearch() {
    if (!window.imsSuggest) {
      // Its script did not load (a kiosk copied without it): the kiosk works without.
      document.getElementById("search").hidden = true;
      return;
    }
    search = window.imsSuggest(document.getElementById("search-input"), {
      api: settings.api,
      lang: settings.lang,
      key: settings.key,
      types: "condition",
      fallback: storedSuggestions,
      onChoose: function (suggestion) {
        search.clear();
        go("#/condition/" + encodeURIComponent(suggestion.slug));
      },
    });
  }

  // Offline, what the API would suggest from the stored conditions: the names and
  // aliases that `text` begins a word of, whatever the case and accents; names that
  // begin with it first, then titles before aliases, then the list order. Of one
  // condition's names, the one the API would pick (the first from the typed word on).
  function storedSuggestions(text) {
    if (!state || !plain(text)) return null;
    var typed = " " + plain(text);
    var found = [];
    state.bundle.conditions.forEach(function (condition) {
      var names = [condition.name].concat(condition.aliases);
      var best = null;
      names.forEach(function (name, index) {
        var folded = " " + plain(name);
        var at = folded.indexOf(typed);
        if (at === -1) return;
        var rank = (at === 0 ? 0 : 2) + (index === 0 ? 0 : 1);
        var key = folded.slice(at);
        if (!best || rank < best.rank || (rank === best.rank && key < best.key)) {
          best = { rank: rank, key: key, name: index ? name : null };
        }
      });
      if (best) found.push({ rank: best.rank, condition: condition, alias: best.name });
    });
    return found
      .sort(function (a, b) { return a.rank - b.rank; })
      .slice(0, 8)
      .map(function (each) {
        var condition = each.condition;
        return {
          type: "condition", id: condition.id, slug: condition.slug, title: condition.name,
          alias: each.alias, url: "/api/v1/conditions/" + condition.slug + "/",
        };
      });
  }

  // Lower case, without accents, words separated by single spaces.
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  // ---- start ---------------------------------------------------------------

  if (!route().condition) lastList = window.location.hash || "#/";
  document.documentElement.lang = settings.lang === "fr-ca" ? "fr-CA" : settings.lang;
  document.title = words.title;
  document.querySelectorAll("[data-text]").forEach(function (node) {
    node.textContent = words[node.dataset.text] || node.textContent;
  });
  startSearch();
  load().then(function (stored) {
    if (stored && stored.bundle) {
      state = stored;
      render({ key: undefined });
    }
    return sync();
  }).then(function () {
    if (!state) render();
    document.body.dataset.ready = "true";
    schedulePolling();
    restartIdleTimer();
  });
})();
