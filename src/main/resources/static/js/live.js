// Live balances and transactions on the dashboard and account pages: listens to the user's own event stream
// (GET /api/v1/events/stream, with the session cookie) and updates the page in place. Without JavaScript, or if
// the stream is unavailable, the pages work as before; EventSource reconnects by itself with Last-Event-ID.
(function () {
  "use strict";
  if (!window.EventSource || !document.querySelector("[data-live]")) {
    return;
  }
  var locale = document.documentElement.lang || "en";

  function money(minor, currency, signed) {
    var digits = new Intl.NumberFormat(locale, { style: "currency", currency: currency }).resolvedOptions()
      .maximumFractionDigits;
    var text = new Intl.NumberFormat(locale, { style: "currency", currency: currency })
      .format(Math.abs(minor) / Math.pow(10, digits));
    return signed ? (minor < 0 ? "−" : "+") + text : text;
  }

  function setText(root, selector, text) {
    var element = root.querySelector(selector);
    if (element) {
      element.textContent = text;
    }
  }

  function onBalance(event) {
    var data = JSON.parse(event.data);
    document.querySelectorAll('[data-account-id="' + data.accountId + '"]').forEach(function (card) {
      setText(card, "[data-testid=balance-available]", money(data.available, data.currency));
      setText(card, "[data-testid=balance-ledger]", money(data.ledger, data.currency));
      setText(card, "[data-testid=balance-pending]", money(data.pending, data.currency));
    });
  }

  function cell(text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function onTransferReceived(event) {
    var data = JSON.parse(event.data);
    var list = document.querySelector("[data-live-transactions]");
    if (!list) {
      return;
    }
    var card = document.querySelector('[data-account-id="' + data.accountId + '"] .card-title');
    var row = document.createElement("tr");
    row.setAttribute("data-testid", "txn");
    row.className = "arrived";
    row.appendChild(cell(data.createdAt.substring(0, 16).replace("T", " ")));
    row.appendChild(cell(card ? card.textContent : ""));
    row.appendChild(cell(data.from.name));
    row.appendChild(cell(data.description || data.kind));
    row.appendChild(cell(money(data.amount, data.currency, true), "num in"));
    list.insertBefore(row, list.firstChild);
  }

  var source = new EventSource("/api/v1/events/stream");
  source.addEventListener("balance.updated", onBalance);
  source.addEventListener("transfer.received", onTransferReceived);
})();
