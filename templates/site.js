// The static site's tables: click a heading to sort; type to filter, with or without
// diacritics ("cong chuc" finds "công chức"). The pages are complete without it.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function key(cell) {
    var value = cell.getAttribute("data-sort") || cell.textContent.trim();
    var number = Number(value.replace(/\./g, ""));
    return value !== "" && !isNaN(number) ? number : fold(value);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var input = document.createElement("input");
    input.type = "search";
    input.className = "filter";
    input.placeholder = document.documentElement.lang === "en" ? "Filter (diacritics optional)…" : "Lọc (không cần dấu)…";
    var frame = table.parentNode.classList.contains("scroll") ? table.parentNode : table;  // a table scrolls in its frame
    frame.parentNode.insertBefore(input, frame);
    var rows = Array.prototype.slice.call(body.rows);
    var folded = rows.map(function (row) { return fold(row.textContent); });
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      rows.forEach(function (row, n) { row.hidden = wanted !== "" && folded[n].indexOf(wanted) < 0; });
    });
    table.tHead.querySelectorAll("th").forEach(function (th, column) {
      th.style.cursor = "pointer";
      th.addEventListener("click", function () {
        var up = !th.classList.contains("sorted-up");
        table.tHead.querySelectorAll("th").forEach(function (other) { other.classList.remove("sorted-up", "sorted-down"); });
        th.classList.add(up ? "sorted-up" : "sorted-down");
        var sorted = rows.slice().sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          return (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
