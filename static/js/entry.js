/* The entry form in the browser: keyboard movement between cells, each row's "not yet saved" / "invalid"
   state as soon as it is typed (the server's answer then says saved, warning or invalid), the autosave switch,
   and a guard before leaving with values that are not saved. Works without htmx: then the form saves whole. */
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form || form.dataset.readOnly === "1") { return; }

  var NUMBER = /^\s*(?:[-–—xX]|\d[\d\s.,]*(?:\/\s*\d[\d.,]*)?)?\s*$/;
  var submitting = false;
  var toggle = document.getElementById("autosave");
  var stored = window.localStorage ? window.localStorage.getItem("sc.autosave") : null;
  if (toggle) {
    if (stored === "0") { toggle.checked = false; }
    window.scAutosave = toggle.checked;
    toggle.addEventListener("change", function () {
      window.scAutosave = toggle.checked;
      try { window.localStorage.setItem("sc.autosave", toggle.checked ? "1" : "0"); } catch (e) { /* private mode */ }
    });
  }

  // A row saves on its own only while the autosave switch is on. Checked here rather than in an hx-trigger filter,
  // which htmx evaluates as JavaScript text and the Content-Security-Policy (no 'unsafe-eval') forbids.
  document.addEventListener("htmx:confirm", function (event) {
    if (event.detail.elt.hasAttribute("data-autosave") && !window.scAutosave) { event.preventDefault(); }
  });

  function cells() {
    return Array.prototype.slice.call(
      form.querySelectorAll(".entry-table input[type=text]:not([disabled]):not(.note-input), .entry-table input[type=checkbox]:not([disabled]), .entry-table textarea:not([disabled])")
    ).filter(function (el) { return el.offsetParent !== null; });
  }

  function column(el) {
    var match = /_(num|den|points|na)$/.exec(el.name || "");
    return match ? match[1] : el.tagName.toLowerCase();
  }

  function move(el, step) {
    var list = cells();
    var index = list.indexOf(el);
    var next = list[index + step];
    if (next) { next.focus(); if (next.select) { next.select(); } }
  }

  function moveVertical(el, step) {
    var list = cells();
    var col = column(el);
    var row = el.closest("tr");
    var index = list.indexOf(el);
    for (var i = index + step; i >= 0 && i < list.length; i += step) {
      if (list[i].closest("tr") !== row && column(list[i]) === col) {
        list[i].focus(); if (list[i].select) { list[i].select(); }
        return;
      }
    }
  }

  function setState(row, state, label) {
    if (!row) { return; }
    var badge = row.querySelector(".state");
    if (badge) { badge.dataset.state = state; badge.textContent = label; }
  }

  form.addEventListener("keydown", function (event) {
    var el = event.target;
    if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      var save = document.querySelector("button[form=entry-form][value=save]");
      if (save) { form.requestSubmit(save); } else { form.requestSubmit(); }
      return;
    }
    if (el.tagName === "TEXTAREA") { return; }
    if (event.key === "Enter" && !(event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (el.classList.contains("note-input")) { el.blur(); return; }
      move(el, event.shiftKey ? -1 : 1);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (el.classList.contains("note-input")) { return; }
      event.preventDefault();
      moveVertical(el, event.key === "ArrowDown" ? 1 : -1);
    } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && el.type === "text" && !el.classList.contains("note-input")) {
      var atEnd = el.selectionStart === el.value.length && el.selectionEnd === el.value.length;
      var atStart = el.selectionStart === 0 && el.selectionEnd === 0;
      if (event.key === "ArrowRight" && atEnd) { event.preventDefault(); move(el, 1); }
      if (event.key === "ArrowLeft" && atStart) { event.preventDefault(); move(el, -1); }
    }
  });

  form.addEventListener("input", function (event) {
    var el = event.target;
    var row = el.closest("tr");
    if (!row || !row.querySelector(".state")) { return; }
    if (el.type === "text" && !el.classList.contains("note-input") && !NUMBER.test(el.value)) {
      el.setAttribute("aria-invalid", "true");
      el.classList.add("invalid");
      setState(row, "invalid", "Không hợp lệ – chưa lưu");
      var err = row.querySelector(".field-error");
      if (err) { err.textContent = "“" + el.value + "” chưa phải là số; hãy nhập số, ví dụ 12,5 hoặc 12.5."; }
      return;
    }
    el.removeAttribute("aria-invalid");
    el.classList.remove("invalid");
    setState(row, "dirty", "Chưa lưu");
  });

  /* A click on "Lưu nháp" right after typing blurs the cell, whose autosave starts first: wait for it (and its
     new version) before the whole form is sent, or the form would be refused as stale by its own cell save. */
  var inflight = 0;
  var pendingSubmitter = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt && event.detail.elt.tagName === "TR") { inflight += 1; }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!(event.detail.elt && event.detail.elt.tagName === "TR")) { return; }
    inflight = Math.max(0, inflight - 1);
    if (inflight === 0 && pendingSubmitter !== null) {
      var submitter = pendingSubmitter;
      pendingSubmitter = null;
      if (submitter === true) { form.requestSubmit(); } else { form.requestSubmit(submitter); }
    }
  });
  form.addEventListener("submit", function (event) {
    if (inflight > 0) {
      event.preventDefault();
      pendingSubmitter = event.submitter || true;
      return;
    }
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting) { return; }
    if (form.querySelector(".state[data-state=dirty], .state[data-state=invalid], .state[data-state=stale]")) {
      event.preventDefault();
      event.returnValue = "Còn ô chưa lưu. Rời trang sẽ mất các giá trị đó.";
      return event.returnValue;
    }
  });
})();
