// Passkeys (WebAuthn), as progressive enhancement: the passkey buttons stay hidden without script or without a
// browser that has passkeys. A form marked data-passkey="create" or "get" asks the server for the options
// (data-options, with the form's CSRF token), has the browser ask the authenticator, puts its answer into the
// form's hidden input named by data-passkey-field, and submits the form as usual.
(() => {
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }
  const bytes = text => {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(base64 + '='.repeat((4 - base64.length % 4) % 4)), c => c.charCodeAt(0));
  };
  const text = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const withIds = list => (list || []).map(c => ({...c, id: bytes(c.id)}));

  const creation = o => ({...o, challenge: bytes(o.challenge), user: {...o.user, id: bytes(o.user.id)},
    excludeCredentials: withIds(o.excludeCredentials)});
  const request = o => ({...o, challenge: bytes(o.challenge), allowCredentials: withIds(o.allowCredentials)});

  const answer = cred => {
    const r = cred.response;
    const response = r.attestationObject
      ? {attestationObject: text(r.attestationObject), clientDataJSON: text(r.clientDataJSON),
         transports: r.getTransports ? r.getTransports() : []}
      : {authenticatorData: text(r.authenticatorData), clientDataJSON: text(r.clientDataJSON),
         signature: text(r.signature), userHandle: r.userHandle ? text(r.userHandle) : null};
    return {id: cred.id, rawId: text(cred.rawId), type: cred.type, response,
      clientExtensionResults: cred.getClientExtensionResults(),
      authenticatorAttachment: cred.authenticatorAttachment || null};
  };

  const say = (form, message) => {
    let status = form.querySelector('[data-passkey-status]');
    if (!status) {
      status = document.createElement('p');
      status.className = 'error';
      status.setAttribute('role', 'alert');
      status.setAttribute('data-passkey-status', '');
      status.setAttribute('data-testid', 'passkey-error');
      form.append(status);
    }
    status.textContent = message;
  };

  document.querySelectorAll('[data-passkey-button]').forEach(button => {
    button.hidden = false;
    const form = button.form;
    button.addEventListener('click', async event => {
      event.preventDefault();
      const body = new URLSearchParams();
      for (const name of ['_csrf', 'challengeId']) {
        const field = form.querySelector(`[name=${name}]`);
        if (field) {
          body.append(name, field.value);
        }
      }
      try {
        const reply = await fetch(button.dataset.options, {method: 'POST', body, credentials: 'same-origin',
          headers: {'Accept': 'application/json'}});
        const options = await reply.json();
        if (!reply.ok) {
          say(form, options.detail || 'Passkeys are not available right now.');
          return;
        }
        const cred = button.dataset.passkeyButton === 'create'
          ? await navigator.credentials.create({publicKey: creation(options)})
          : await navigator.credentials.get({publicKey: request(options)});
        form.querySelector(`[name=${button.dataset.passkeyField}]`).value = JSON.stringify(answer(cred));
        form.querySelectorAll('[required]').forEach(field => field.removeAttribute('required'));
        form.submit();
      } catch (failed) {
        say(form, failed.name === 'NotAllowedError'
          ? 'No passkey was used (it was cancelled, timed out, or this device has none for Coffer).'
          : 'The passkey did not work: ' + failed.message);
      }
    });
  });
})();
