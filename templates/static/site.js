// Progressive enhancement only: every page reads fine without this file.
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";

  // Stale banner: only the reader's clock knows how old a static page is.
  var at = Date.parse(body.getAttribute("data-snapshot-at") || "");
  var staleAfter = Number(body.getAttribute("data-stale-after") || "0") * 1000;
  if (!isNaN(at) && staleAfter > 0 && Date.now() - at > staleAfter) {
    var banner = document.getElementById("stale");
    if (banner) { banner.hidden = false; }
  }

  // Copy buttons on code blocks.
  document.querySelectorAll("pre > code").forEach(function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      });
    });
    code.parentNode.appendChild(button);
  });

  // Heading anchors.
  document.querySelectorAll("article h2[id], article h3[id]").forEach(function (h) {
    var a = document.createElement("a");
    a.className = "anchor";
    a.href = "#" + h.id;
    a.textContent = "#";
    a.setAttribute("aria-label", "Link to this section");
    h.appendChild(a);
  });

  // The navigation folds into a menu button on narrow screens; without this script it simply wraps.
  var menu = document.querySelector("header.top button.menu");
  var nav = document.getElementById("site-nav");
  if (menu && nav) {
    menu.hidden = false;
    document.documentElement.classList.add("js");
    menu.addEventListener("click", function () {
      var open = menu.getAttribute("aria-expanded") !== "true";
      menu.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
  }

  // History bars: hovering shows the bar's title; a tap or keyboard focus writes it under the row.
  document.querySelectorAll(".bars-row").forEach(function (row) {
    var detail = row.querySelector(".bar-detail");
    if (!detail) { return; }
    row.querySelectorAll(".bar").forEach(function (bar) {
      function say() { detail.textContent = bar.getAttribute("title"); }
      bar.addEventListener("focus", say);
      bar.addEventListener("click", say);
      bar.addEventListener("mouseenter", say);
    });
  });

  // Section search: the vendored MiniSearch over window.caretakerSearch (search-index.js: a runbook entry per
  // section; search-status.js: hosts and checks), loaded as scripts so that it works from file:// too.
  // Results are built as text nodes, never as HTML.
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  var data = window.caretakerSearch;
  if (!input || !results || !window.MiniSearch || !data) { return; }
  var status = document.getElementById("search-status");
  var noResults = document.getElementById("no-results");
  var suggest = document.getElementById("suggest");
  var entries = (data.content || []).concat(data.status || []);
  var mini = new window.MiniSearch({
    fields: ["title", "page", "tags", "text"],
    storeFields: ["kind", "title", "page", "text"],
    searchOptions: {
      boost: { title: 4, page: 1.5, tags: 1.5 },
      prefix: true,
      fuzzy: function (term) { return term.length > 3 ? 0.2 : 0; },
      combineWith: "AND"
    }
  });
  mini.addAll(entries);

  function terms(q) { return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; }); }

  // Appends text to el with every word that starts with one of the matched terms in <mark>.
  function highlight(el, text, matched) {
    var re = matched.length ? new RegExp("(" + matched.map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "gi") : null;
    var last = 0;
    if (re) {
      text.replace(re, function (m, g, at) {
        el.appendChild(document.createTextNode(text.slice(last, at)));
        var mark = document.createElement("mark");
        mark.textContent = m;
        el.appendChild(mark);
        last = at + m.length;
        return m;
      });
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  // Some 200 characters of the entry's text around its first match.
  function snippet(text, matched) {
    var lower = text.toLowerCase();
    var at = -1;
    matched.forEach(function (t) {
      var i = lower.indexOf(t.toLowerCase());
      if (i >= 0 && (at < 0 || i < at)) { at = i; }
    });
    var start = Math.max(0, at - 60);
    var cut = text.slice(start, start + 200);
    return (start > 0 ? "… " : "") + cut + (start + 200 < text.length ? " …" : "");
  }

  function show() {
    var q = input.value.trim();
    results.textContent = "";
    noResults.hidden = true;
    status.textContent = "";
    if (q.length === 0) { return; }
    var hits = mini.search(q);
    if (hits.length === 0) {
      hits = mini.search(q, { combineWith: "OR" });
    }
    if (hits.length === 0) {
      noResults.hidden = false;
      suggest.textContent = "";
      var ideas = mini.autoSuggest(q, { fuzzy: 0.3 }).slice(0, 3);
      if (ideas.length) {
        suggest.appendChild(document.createTextNode("search for "));
        ideas.forEach(function (s, i) {
          var a = document.createElement("a");
          a.href = "search.html?q=" + encodeURIComponent(s.suggestion);
          a.textContent = s.suggestion;
          a.addEventListener("click", function (e) { e.preventDefault(); input.value = s.suggestion; show(); });
          suggest.appendChild(a);
          suggest.appendChild(document.createTextNode(i < ideas.length - 1 ? ", " : ", "));
        });
      }
      status.textContent = "No results for “" + q + "”.";
      return;
    }
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for “" + q + "”.";
    hits.slice(0, 50).forEach(function (hit) {
      var matched = Object.keys(hit.match);
      var li = document.createElement("li");
      li.className = "hit hit-" + hit.kind;
      var a = document.createElement("a");
      a.href = root + hit.id;
      highlight(a, hit.title, matched);
      li.appendChild(a);
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = hit.kind === "section" ? hit.page : hit.kind;
      li.appendChild(where);
      if (hit.text) {
        var p = document.createElement("p");
        p.className = "snippet";
        highlight(p, snippet(hit.text, matched), matched);
        li.appendChild(p);
      }
      results.appendChild(li);
    });
  }
  var q0 = new URLSearchParams(location.search).get("q");
  if (q0) { input.value = q0; }
  show();
  input.addEventListener("input", show);
  input.form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
})();
