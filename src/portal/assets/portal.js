/*
 * Progressive enhancement of the help centre: search suggestions while
 * typing. The pages work without it (the search form posts as usual).
 * Served as a file from our origin (CSP script-src 'self'); no inline script.
 */
(() => {
  const form = document.querySelector('form[data-suggest]');
  if (!form) return;
  const input = form.querySelector('input[type=search]');
  const box = form.querySelector('.suggestions');
  const url = form.getAttribute('data-suggest');
  let timer = 0;
  let last = '';
  const show = (items) => {
    box.textContent = '';
    if (items.length === 0) return;
    const list = document.createElement('ul');
    list.setAttribute('aria-label', 'Suggestions');
    for (const item of items) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.title;
      li.append(a);
      list.append(li);
    }
    box.append(list);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q === last) return;
      last = q;
      if (q.length < 2) return show([]);
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(q)}`, {
          headers: { accept: 'application/json' },
        });
        if (response.ok && input.value.trim() === q) show((await response.json()).suggestions);
      } catch {
        /* suggestions are optional */
      }
    }, 200);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') show([]);
  });
})();
