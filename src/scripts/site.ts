/**
 * The one script every public page loads. Quick exit: blank the page at once (so a glance over the
 * reader's shoulder shows nothing), then replace the current history entry with a neutral site.
 */
function quickExit(url: string): void {
  document.title = '';
  document.body.replaceChildren();
  window.location.replace(url);
}

const exit = document.querySelector<HTMLAnchorElement>('[data-quick-exit]');
if (exit) {
  exit.addEventListener('click', (event) => {
    event.preventDefault();
    quickExit(exit.href);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) quickExit(exit.href);
  });
}
