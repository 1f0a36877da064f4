/** The explorer: hash routes (#/event/<slug>, #/person/<slug>, …) rendered from Warta's own GraphQL API. */
import './styles.css';
import { afterMount, h, lang, setEditorKey, editorKey, setLang, t } from './lib';
import * as pages from './pages';

const app = document.getElementById('app')!;
const routes: Record<string, (el: HTMLElement, arg: string, params: URLSearchParams) => Promise<void>> = {
  '': pages.home, search: pages.search, event: pages.event, person: pages.person, institution: pages.institution, timeline: pages.timeline, article: pages.article,
};

function translateChrome(): void {
  document.documentElement.lang = lang();
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) el.textContent = t(el.dataset.i18n!);
  for (const el of Array.from(document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))) el.placeholder = t(el.dataset.i18nPlaceholder!);
  document.getElementById('lang')!.textContent = lang() === 'id' ? 'EN' : 'ID';
  document.getElementById('key')!.classList.toggle('on', !!editorKey());
}

let rendering = 0;
async function render(): Promise<void> {
  const mine = ++rendering;
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  const page = routes[name] ?? pages.home;
  const el = h('div', { class: `page page-${name || 'home'}` });
  app.setAttribute('aria-busy', 'true');
  try {
    await page(el, decodeURIComponent(rest.join('/')), new URLSearchParams(query ?? ''));
  } catch (e) {
    el.replaceChildren(h('p', { class: 'error' }, (e as Error).message));
  }
  if (mine !== rendering) { afterMount.length = 0; return; }
  app.replaceChildren(el);
  for (const fn of afterMount.splice(0)) { try { fn(); } catch (e) { console.error(e); } }
  app.removeAttribute('aria-busy');
  app.dataset.ready = name || 'home';
  window.scrollTo(0, 0);
}

document.getElementById('search')!.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = (document.getElementById('q') as HTMLInputElement).value.trim();
  if (q) location.hash = `#/search?q=${encodeURIComponent(q)}`;
});
document.getElementById('lang')!.addEventListener('click', () => { setLang(lang() === 'id' ? 'en' : 'id'); translateChrome(); void render(); });
document.getElementById('key')!.addEventListener('click', () => {
  const k = prompt(t('keyPrompt'), editorKey() ?? '');
  if (k !== null) { setEditorKey(k.trim() || null); translateChrome(); void render(); }
});
window.addEventListener('hashchange', () => { void render(); });
translateChrome();
void render();
