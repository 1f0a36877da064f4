/** The explorer's pages: each fetches what it shows through Warta's GraphQL API and builds DOM from it. */
import cytoscape from 'cytoscape';
import { afterMount, attr, editorKey, fmtDate, fmtRange, gql, h, link, marked, put, t } from './lib';
import { ARTICLE_PAGE, EVENT_PAGE, INSTITUTION_PAGE, MERGE_PERSONS, PERSON_IDS, PERSON_PAGE, RECENT_EVENTS, REVIEW_MENTION, SEARCH, TIMELINE, TIMELINE_OPTIONS } from './operations';

type Page = (el: HTMLElement, arg: string, params: URLSearchParams) => Promise<void>;

const kindName = (k: string) => k.replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase());

export const home: Page = async (el) => {
  const d = await gql(RECENT_EVENTS);
  put(el, h('h1', {}, t('recentEvents')),
    h('ul', { class: 'list' }, d.events.edges.map(({ node: e }: any) => h('li', {}, link('event', e.slug, e.name), h('span', { class: 'meta' }, ` · ${fmtRange(e.startDate, e.endDate)}${e.city ? ` · ${e.city.name}` : ''}`)))));
};

export const search: Page = async (el, _arg, params) => {
  const q = params.get('q') ?? '';
  const d = await gql(SEARCH, { q });
  put(el, h('h1', {}, `${t('search')}: “${q}”`), h('p', { class: 'meta' }, `${d.search.totalCount} ${t('results')}`),
    h('ul', { class: 'list hits' }, d.search.edges.map(({ node: x }: any) => {
      const kind = x.kind.toLowerCase();
      const target = kind === 'place' ? null : x.node.slug;
      return h('li', {}, h('span', { class: `badge ${kind}` }, t(x.kind)), ' ', target ? h('a', { href: `#/${kind}/${target}` }, marked(x.title)) : marked(x.title),
        h('div', { class: 'snippet' }, marked(x.snippet)));
    })));
};

export const event: Page = async (el, slug) => {
  const d = await gql(EVENT_PAGE, { s: slug });
  const e = d.event;
  if (!e) { el.append(h('p', {}, t('notFound'))); return; }
  const where = [e.venue?.name, e.city?.name, e.city?.parent?.name].filter(Boolean);
  const roles = ['ORGANIZER', 'HOST', 'OPENER', 'SPEAKER', 'ATTENDEE'];
  const byRole = roles.map((r) => [r, e.participants.filter((p: any) => p.role === r)] as const).filter(([, ps]) => ps.length);
  const base = location.origin;
  put(el, 
    h('p', { class: 'kicker' }, kindName(e.kind)),
    h('h1', { 'data-testid': 'event-name' }, e.name),
    h('dl', { class: 'facts' },
      h('dt', {}, t('dates')), h('dd', { 'data-testid': 'event-dates' }, fmtRange(e.startDate, e.endDate)),
      h('dt', {}, t('venue')), h('dd', {}, where.length ? where.join(' › ') : '–'),
      h('dt', {}, t('organizer')), h('dd', {}, e.organizers.length ? e.organizers.map((o: any, i: number) => [i ? ', ' : '', link('institution', o.slug, o.name)]) : '–'),
      h('dt', {}, t('participants')), h('dd', { 'data-testid': 'event-count' }, e.participantCount ?? '–')),
    h('h2', {}, t('officials')),
    h('ul', { class: 'list roles' }, byRole.map(([r, ps]) => h('li', {}, h('span', { class: 'role' }, t(r)), ' ',
      ps.map((p: any, i: number) => [i ? ', ' : '', p.person ? link('person', p.person.slug, p.person.name) : link('institution', p.institution.slug, p.institution.name),
        p.person?.currentPosition ? h('span', { class: 'meta' }, ` (${p.person.currentPosition.title})`) : null])))),
    h('h2', {}, t('coverage')),
    h('ol', { class: 'coverage' }, e.timeline.map((r: any) => h('li', {},
      h('span', { class: `badge phase` }, t(r.phase === 'FIRST_REPORT' ? 'firstReport' : r.phase === 'FOLLOW_UP' ? 'followUp' : 'report')), ' ',
      link('article', r.article.slug, r.article.title), h('span', { class: 'meta' }, ` · ${fmtDate(r.article.publishedOn)}${r.article.outlet ? ` · ${r.article.outlet}` : ''}`),
      h('p', { class: 'excerpt' }, highlighted(firstParagraph(r.article), r.article.mentions.filter((m: any) => m.status !== 'REJECTED')))))),
    h('h2', {}, t('embed')),
    h('pre', { class: 'snippet-code' }, `<iframe src="${attr(`${base}/embed/events/${encodeURIComponent(e.slug)}?partner=ID`)}" width="100%" height="420" style="border:0;max-width:600px" loading="lazy" title="${attr(e.name)}"></iframe>`),
    h('p', {}, h('a', { href: `/events/${e.slug}.ics` }, t('calendar')), ' · ', h('a', { href: `/events/${e.slug}.jsonld` }, 'JSON-LD'), ' · ', h('a', { href: `/embed/events/${e.slug}` }, 'Card')),
  );
};

function firstParagraph(a: { body: string }): { text: string; offset: number } {
  const text = a.body.split('\n')[0] ?? '';
  return { text, offset: 0 };
}

/** Text with the mentions in it marked by kind (overlaps: the earlier, longer one wins). */
function highlighted(p: { text: string; offset: number }, mentions: Array<{ start: number; end: number; entityType: string; href?: string; node?: Node }>): Node[] {
  const inside = mentions.filter((m) => m.start >= p.offset && m.end <= p.offset + p.text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Node[] = [];
  let at = p.offset;
  for (const m of inside) {
    if (m.start < at) continue;
    out.push(document.createTextNode(p.text.slice(at - p.offset, m.start - p.offset)));
    const text = p.text.slice(m.start - p.offset, m.end - p.offset);
    out.push(m.node ?? (m.href ? h('a', { class: `m m-${m.entityType.toLowerCase()}`, href: m.href }, text) : h('mark', { class: `m m-${m.entityType.toLowerCase()}` }, text)));
    at = m.end;
  }
  out.push(document.createTextNode(p.text.slice(at - p.offset)));
  return out;
}

export const person: Page = async (el, slug) => {
  const d = await gql(PERSON_PAGE, { s: slug });
  const p = d.person;
  if (!p) { el.append(h('p', {}, t('notFound'))); return; }
  const graph = h('div', { id: 'network', class: 'network', role: 'img', 'aria-label': t('network') });
  put(el, 
    h('p', { class: 'kicker' }, t('person')),
    h('h1', { 'data-testid': 'person-name' }, p.name),
    p.aliases.length ? h('p', { class: 'meta' }, p.aliases.join(' · ')) : null,
    h('h2', {}, t('positions')),
    h('ol', { class: 'timeline' }, p.positions.map((x: any) => h('li', {}, h('span', { class: 'when' }, `${fmtDate(x.validFrom)} – ${fmtDate(x.validTo)}`), ' ',
      h('strong', {}, x.title), x.institution ? [', ', link('institution', x.institution.slug, x.institution.name)] : null))),
    h('h2', {}, t('events')),
    h('ul', { class: 'list', 'data-testid': 'person-events' }, p.participations.map((x: any) => h('li', {}, h('span', { class: 'when' }, fmtDate(x.date)), ' ',
      link('event', x.event.slug, x.event.name), h('span', { class: 'role' }, ` · ${t(x.role)}`)))),
    h('h2', {}, `${t('network')} (${p.coAttendees.totalCount})`),
    graph,
    h('ul', { class: 'list', 'data-testid': 'coattendees' }, p.coAttendees.edges.map(({ node: c }: any) => h('li', {}, link('person', c.person.slug, c.person.name),
      h('span', { class: 'meta' }, ` · ${c.sharedEvents} ${t('sharedEvents')}`)))),
    h('h2', {}, t('quotes')),
    h('ul', { class: 'list quotes' }, p.quotes.length ? p.quotes.map((q: any) => h('li', {}, h('blockquote', {}, `“${q.text}”`),
      h('span', { class: 'meta' }, link('article', q.article.slug, q.article.title), ` · ${fmtDate(q.article.publishedOn)}`))) : h('li', {}, t('none'))),
  );
  afterMount.push(() => drawNetwork(graph, p, p.coAttendees.edges.map((e: any) => e.node)));
};

/** The co-attendance network: the person in the middle, the people met around, edge width by shared events. */
function drawNetwork(container: HTMLElement, center: { slug: string; name: string }, others: Array<{ sharedEvents: number; person: { slug: string; name: string } }>): void {
  if (!others.length) { container.append(h('p', { class: 'meta' }, t('none'))); return; }
  const max = Math.max(...others.map((o) => o.sharedEvents));
  // Cytoscape injects an inline <style> unless an element with this id exists; its one rule is in styles.css instead,
  // so the page keeps a CSP without 'unsafe-inline'.
  if (!document.getElementById('__________cytoscape_stylesheet')) document.head.append(h('meta', { id: '__________cytoscape_stylesheet', name: 'cytoscape' }));
  const cy = cytoscape({
    container,
    elements: [
      { data: { id: center.slug, label: center.name, center: 1 } },
      ...others.map((o) => ({ data: { id: o.person.slug, label: o.person.name } })),
      ...others.map((o) => ({ data: { id: `e-${o.person.slug}`, source: center.slug, target: o.person.slug, w: o.sharedEvents, label: String(o.sharedEvents) } })),
    ],
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'background-color': '#5b7a99', color: '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 4 } },
      { selector: 'node[center = 1]', style: { 'background-color': '#b3541e', width: 36, height: 36, 'font-weight': 'bold' } },
      { selector: 'edge', style: { width: `mapData(w, 1, ${Math.max(2, max)}, 1.5, 9)` as never, 'line-color': '#9fb3c8', label: 'data(label)', 'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 1 } },
    ],
    layout: { name: 'concentric', concentric: (n: any) => (n.data('center') ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 30, animate: false },
    userZoomingEnabled: true, boxSelectionEnabled: false,
  });
  cy.on('tap', 'node', (ev) => { const id = ev.target.id(); if (id !== center.slug) location.hash = `#/person/${encodeURIComponent(id)}`; });
}

export const institution: Page = async (el, slug) => {
  const d = await gql(INSTITUTION_PAGE, { s: slug });
  const i = d.institution;
  if (!i) { el.append(h('p', {}, t('notFound'))); return; }
  put(el, 
    h('p', { class: 'kicker' }, `${t('institution')} · ${kindName(i.kind)}`),
    h('h1', { 'data-testid': 'institution-name' }, i.name, i.acronym ? h('span', { class: 'meta' }, ` (${i.acronym})`) : null),
    i.parent ? h('p', {}, link('institution', i.parent.slug, i.parent.name)) : null,
    h('h2', {}, t('officialsOverTime')),
    h('ol', { class: 'timeline' }, i.officials.length ? i.officials.map((o: any) => h('li', {}, h('span', { class: 'when' }, `${fmtDate(o.validFrom)} – ${fmtDate(o.validTo)}`), ' ',
      link('person', o.person.slug, o.person.name), h('span', { class: 'meta' }, ` · ${o.title}`))) : h('li', {}, t('none'))),
    h('h2', {}, `${t('organised')} (${i.events.totalCount})`),
    h('ul', { class: 'list' }, i.events.edges.map(({ node: e }: any) => h('li', {}, h('span', { class: 'when' }, fmtRange(e.startDate, e.endDate)), ' ', link('event', e.slug, e.name)))),
    h('h2', {}, t('partners')),
    h('ul', { class: 'list' }, i.partners.edges.map(({ node: p }: any) => h('li', {}, link('institution', p.institution.slug, p.institution.name), h('span', { class: 'meta' }, ` · ${p.sharedEvents} ${t('sharedEvents')}`)))),
  );
};

export const timeline: Page = async (el, _arg, params) => {
  const kind = params.get('kind') || null, place = params.get('place') || null, inst = params.get('institution') || null;
  const period = params.get('period') === 'YEAR' ? 'YEAR' : 'MONTH';
  const opts = await gql(TIMELINE_OPTIONS);
  const d = await gql(TIMELINE,
  { f: { kind, place, organizer: inst }, e: { kind, place, organizer: inst }, p: period });
  const KINDS = ['RAKOR', 'RAKER', 'RAPAT_PARIPURNA', 'MUSRENBANG', 'SOSIALISASI', 'BIMTEK', 'PELANTIKAN', 'PERESMIAN', 'KUNKER', 'RESES', 'APEL', 'UPACARA', 'SEMINAR', 'PEMILIHAN'];
  const select = (name: string, current: string | null, items: Array<[string, string]>) => h('select', { name }, h('option', { value: '' }, t('all')),
    items.map(([v, label]) => h('option', { value: v, selected: v === current }, label)));
  const form = h('form', { class: 'filters', id: 'timeline-filters' },
    h('label', {}, t('kind'), ' ', select('kind', kind, KINDS.map((k) => [k, kindName(k)]))),
    h('label', {}, t('place'), ' ', select('place', place, [...opts.places.edges, ...opts.regencies.edges, ...opts.cities.edges].map(({ node }: any) => [node.id, node.name]))),
    h('label', {}, t('institution'), ' ', select('institution', inst, opts.institutions.edges.map(({ node }: any) => [node.id, node.name]))),
    h('label', {}, t('period'), ' ', select('period', period, [['MONTH', t('month')], ['YEAR', t('year')]])),
    h('button', { type: 'submit' }, t('apply')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form as HTMLFormElement).entries()) if (v) q.set(k, String(v));
    location.hash = `#/timeline?${q}`;
  });
  put(el, h('h1', {}, t('timeline')), form, chart(d.stats.eventsPerPeriod),
    h('p', { class: 'meta', 'data-testid': 'timeline-total' }, `${d.events.totalCount} ${t('event').toLowerCase()}`),
    h('ul', { class: 'list' }, d.events.edges.map(({ node: e }: any) => h('li', {}, h('span', { class: 'when' }, fmtRange(e.startDate, e.endDate)), ' ', link('event', e.slug, e.name),
      h('span', { class: 'meta' }, ` · ${kindName(e.kind)}${e.city ? ` · ${e.city.name}` : ''}`)))));
};

/** Counts per period as an SVG bar chart (drawn with DOM calls: no inline markup, CSP-safe). */
function chart(rows: Array<{ period: string; count: number }>): Element {
  const NS = 'http://www.w3.org/2000/svg';
  const w = Math.max(320, rows.length * 48), hgt = 180, max = Math.max(1, ...rows.map((r) => r.count));
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${hgt + 30}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('data-testid', 'chart');
  svg.setAttribute('role', 'img');
  rows.forEach((r, i) => {
    const bh = (r.count / max) * hgt, x = i * 48 + 8;
    const rect = document.createElementNS(NS, 'rect');
    for (const [k, v] of Object.entries({ x, y: hgt - bh, width: 32, height: bh, class: 'bar' })) rect.setAttribute(k, String(v));
    const title = document.createElementNS(NS, 'title');
    title.textContent = `${r.period}: ${r.count}`;
    rect.appendChild(title);
    const label = document.createElementNS(NS, 'text');
    for (const [k, v] of Object.entries({ x: x + 16, y: hgt + 14, 'text-anchor': 'middle', class: 'axis' })) label.setAttribute(k, String(v));
    label.textContent = r.period;
    const value = document.createElementNS(NS, 'text');
    for (const [k, v] of Object.entries({ x: x + 16, y: hgt - bh - 4, 'text-anchor': 'middle', class: 'value' })) value.setAttribute(k, String(v));
    value.textContent = String(r.count);
    svg.append(rect, label, value);
  });
  return svg;
}

export const article: Page = async (el, slug) => {
  const d = await gql(ARTICLE_PAGE, { s: slug });
  const a = d.article;
  if (!a) { el.append(h('p', {}, t('notFound'))); return; }
  const key = editorKey();
  const hrefOf = (m: any) => m.person ? `#/person/${m.person.slug}` : m.institution ? `#/institution/${m.institution.slug}` : m.event ? `#/event/${m.event.slug}` : undefined;
  const live = a.mentions.filter((m: any) => m.status !== 'REJECTED');
  let offset = 0;
  const paragraphs = a.body.split('\n').map((text: string) => {
    const p = h('p', {}, highlighted({ text, offset }, live.map((m: any) => ({ ...m, href: hrefOf(m) }))));
    offset += text.length + 1;
    return p;
  });
  const review = async (id: string, status: string) => { await gql(REVIEW_MENTION, { id, s: status }, true); await rerender(); };
  const merge = async (fromSlug: string, into: string) => {
    const ids = await gql(PERSON_IDS, { a: into, b: fromSlug });
    if (!ids.a || !ids.b) throw new Error(t('notFound'));
    await gql(MERGE_PERSONS, { s: ids.a.id, m: ids.b.id }, true);
    await rerender();
  };
  const rerender = async () => { el.replaceChildren(); await article(el, slug, new URLSearchParams()); };
  put(el, 
    h('p', { class: 'kicker' }, t('article')),
    h('h1', {}, a.title),
    h('p', { class: 'meta' }, [fmtDate(a.publishedOn), a.outlet].filter(Boolean).join(' · ')),
    h('div', { class: 'legend' }, ['PERSON', 'INSTITUTION', 'PLACE', 'EVENT'].map((k) => h('span', { class: `m m-${k.toLowerCase()}` }, t(k)))),
    h('div', { class: 'body', 'data-testid': 'article-body' }, paragraphs),
    h('h2', {}, `${a.mentions.length} ${t('mentions')}`),
    h('table', { class: 'mentions', 'data-testid': 'mentions' },
      h('tbody', {}, a.mentions.map((m: any) => {
        const target = m.person ?? m.institution ?? m.place ?? m.event;
        const row = h('tr', { 'data-mention': m.id },
          h('td', {}, h('span', { class: `badge ${m.entityType.toLowerCase()}` }, t(m.entityType))),
          h('td', {}, hrefOf(m) ? h('a', { href: hrefOf(m) }, m.text) : m.text, target && target.name !== m.text ? h('span', { class: 'meta' }, ` → ${target.name}`) : null),
          h('td', { class: 'status' }, t(m.status)));
        if (key) {
          const actions = h('td', {},
            h('button', { type: 'button', class: 'confirm', onclick: () => review(m.id, 'CONFIRMED').catch((e) => alert(e.message)) }, t('confirm')), ' ',
            h('button', { type: 'button', class: 'reject', onclick: () => review(m.id, 'REJECTED').catch((e) => alert(e.message)) }, t('reject')));
          if (m.person) {
            const input = h('input', { type: 'text', placeholder: t('mergeInto'), size: 14 }) as HTMLInputElement;
            actions.append(' ', input, h('button', { type: 'button', onclick: () => merge(m.person.slug, input.value.trim()).catch((e) => alert(e.message)) }, t('merge')));
          }
          row.append(actions);
        }
        return row;
      }))),
  );
};
