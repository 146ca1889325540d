// The dashboard's one script, served from the broker itself (the pages' Content-Security-Policy allows
// scripts from 'self' only, never inline): a "Copy" button after each element marked `copyable`, which
// copies its URL (made absolute) or its text. Everything else on the pages works without scripts.
/* global document, navigator, window */

function textOf(element) {
  const href = element.getAttribute('href');
  return href ? new URL(href, window.location.href).href : element.textContent.trim();
}

function addCopyButton(element) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy to the clipboard');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(textOf(element));
      button.textContent = 'Copied';
      button.dataset.copied = 'true';
    } catch {
      // Clipboard access is refused outside secure contexts (plain http on another host): select instead.
      const range = document.createRange();
      range.selectNodeContents(element);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      button.textContent = 'Selected: press Ctrl+C';
    }
  });
  element.after(button);
}

document.querySelectorAll('.copyable').forEach(addCopyButton);
