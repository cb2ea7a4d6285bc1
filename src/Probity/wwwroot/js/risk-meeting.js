// Risk Management meeting: a decision saves in place. The row's form is posted as it would be without script (same
// fields, same antiforgery token), asking for JSON; on success the row is marked decided, on refusal the reason is
// shown beside the form. Without script, or if the request fails outright, the form posts and the page comes back.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('decision')) return;
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    var message = form.querySelector('.decision-message');
    if (button) button.disabled = true;
    fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        var contentType = response.headers.get('Content-Type') || '';
        if (contentType.indexOf('application/json') < 0) throw new Error('not json');
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (!result.ok || !result.body.decided) {
          if (message) message.textContent = result.body.message || 'The decision was not recorded.';
          if (button) button.disabled = false;
          return;
        }
        var row = form.closest('tr');
        var cell = form.parentElement;
        if (row) row.classList.add('decided');
        var tag = document.createElement('span');
        tag.className = 'tag finalised';
        tag.setAttribute('data-testid', 'decided');
        tag.textContent = 'Decided';
        var text = document.createElement('span');
        text.setAttribute('role', 'status');
        text.textContent = ' ' + result.body.decision + ', ' + result.body.decidedOn + ' (' + result.body.decidedBy + ')';
        cell.replaceChildren(tag, text);
      })
      .catch(function () { form.submit(); });
  });
})();
