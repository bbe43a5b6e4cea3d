// The report editor: the live preview follows the text areas, and B / I wrap the selection in the report markup.
(function () {
  "use strict";
  document.addEventListener("htmx:afterRequest", function (event) {
    var frame = document.getElementById("report-preview");
    if (frame && event.detail.elt.id === "report-form" && event.detail.successful) {
      var scroll = frame.contentWindow ? frame.contentWindow.scrollY : 0;
      frame.srcdoc = event.detail.xhr.responseText;
      frame.addEventListener("load", function restore() {
        frame.removeEventListener("load", restore);
        if (frame.contentWindow) frame.contentWindow.scrollTo(0, scroll);
      });
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-wrap]");
    if (!button) return;
    var area = button.closest(".section-field").querySelector("textarea");
    var mark = button.getAttribute("data-wrap");
    var start = area.selectionStart, end = area.selectionEnd;
    if (start === end) return;
    area.setRangeText(mark + area.value.slice(start, end) + mark, start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  });
})();
