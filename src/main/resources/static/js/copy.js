// A "Copy" button next to every secret shown once ([data-copy]); without script the secret is still there to select.
document.querySelectorAll('[data-copy]').forEach(secret => {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(secret.textContent.trim());
    button.textContent = 'Copied';
  });
  secret.after(button);
});
