/* The query page: YASGUI (vendored, offline) on the site's own endpoint, the project's
   prefixes declared, the catalog's named queries as examples, result IRIs opening the
   entity pages of this site instead of w3id.org. */
(function () {
  "use strict";
  var host = document.getElementById("yasgui");
  var base = document.body.getAttribute("data-base") || "";
  var ID = "https://w3id.org/tcdkg/id/";
  if (!host || typeof Yasgui === "undefined" || location.protocol === "file:") {
    // no endpoint beside a page opened from files: the buttons show the query instead
    document.querySelectorAll(".run-example").forEach(function (button) {
      button.addEventListener("click", function () {
        var code = document.getElementById("sparql-" + button.getAttribute("data-example"));
        code.closest("details").open = true;
      });
    });
    return;
  }
  document.getElementById("query-offline").hidden = true;
  var endpoint = new URL(host.getAttribute("data-endpoint"), location.href).href;
  // no completer that asks a web service (LOV, prefix.cc): bundled prefixes and variables only
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  var yasgui = new Yasgui(host, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null,
    populateFromUrl: false,
    yasqe: { value: document.getElementById("default-query").textContent, prefixCcApi: null }
  });

  function tab() { return yasgui.getTab(); }

  document.querySelectorAll(".run-example").forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-example");
      var text = document.getElementById("sparql-" + name).textContent;
      tab().setQuery(text);
      tab().getYasqe().query();
      host.scrollIntoView();
    });
  });

  // a result IRI of this graph opens its page here; a claim opens its record's page at the claim
  host.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.href.indexOf(ID) !== 0) { return; }
    var parts = link.href.slice(ID.length).split("/");
    if (parts.length < 2) { return; }
    event.preventDefault();
    var page = base + "id/" + parts[0] + "/" + parts[1] + ".html";
    if (parts.length > 2) { page += "#" + parts.join("/"); }
    location.href = page;
  }, true);
})();
