/*
 * The one-line snippet of the help widget, for the public application websites:
 *   <script src="https://GUICHET/aide/embed.js" data-departement="44" async></script>
 * It inserts an iframe of /aide/44/widget (search + contact) after itself.
 * The widget page may only be framed by the sites configured for département 44.
 */
(() => {
  const script = document.currentScript;
  if (!script) return;
  const departement = (script.getAttribute('data-departement') || '').replace(/[^0-9AB]/g, '');
  if (!departement) return;
  const frame = document.createElement('iframe');
  frame.src = `${new URL(script.src).origin}/aide/${departement}/widget`;
  frame.title = 'Aide à la demande de logement social';
  frame.loading = 'lazy';
  frame.style.cssText =
    'width:100%;max-width:32rem;height:22rem;border:1px solid #767676;border-radius:6px';
  script.after(frame);
})();
