/* The edition's one script: the witness switch of a page with a critical apparatus.
   Each variant place of the reading text (span.app) holds its readings (span.reading), each with the
   witnesses that attest it (data-wit); the edited text (the lemma, or the base witness's reading) is
   shown, the others are hidden. Choosing a witness shows, at every place, the reading that witness
   attests (the edited text where it attests none). Without this script the edited text stands and
   the switch stays hidden. */
(function () {
  "use strict";
  var control = document.getElementById("witness-switch");
  if (!control) { return; }
  var select = control.querySelector("select");
  var places = document.querySelectorAll(".app");

  function attests(reading, witness) {
    return (" " + (reading.getAttribute("data-wit") || "") + " ").indexOf(" " + witness + " ") >= 0;
  }

  function show(witness) {
    for (var i = 0; i < places.length; i++) {
      var readings = [];
      for (var c = places[i].firstElementChild; c; c = c.nextElementSibling) {
        if (c.classList.contains("reading")) { readings.push(c); }
      }
      var chosen = null;
      for (var r = 0; witness && r < readings.length && !chosen; r++) {
        if (attests(readings[r], witness)) { chosen = readings[r]; }
      }
      var base = chosen || readings.filter(function (x) { return x.classList.contains("base"); })[0] || readings[0];
      for (r = 0; r < readings.length; r++) { readings[r].hidden = readings[r] !== base; }
      places[i].classList.toggle("switched", !!chosen && !base.classList.contains("base"));
    }
    document.documentElement.setAttribute("data-witness", witness || "");
  }

  select.addEventListener("change", function () { show(select.value); });
  control.hidden = false;
  if (select.value) { show(select.value); }  /* a choice the browser kept on reload */
}());
