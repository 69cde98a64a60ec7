// The analysts' console. Every number shown comes from the reporting API as it answered; this script only
// places them (no figure is computed here). Sign-in: authorization code + PKCE with the OpenID Provider; the
// access token lives in this tab's sessionStorage only.
(function () {
  'use strict';
  const I18N = window.MOTCUA_I18N;
  const TOKEN_KEY = 'motcua.console.token';
  const PKCE_KEY = 'motcua.console.pkce';
  const CARD_FIGURES = ['received.total', 'received.carriedOver', 'received.online', 'received.inPerson',
    'received.postal', 'resolved.total', 'resolved.early', 'resolved.onTime', 'resolved.late', 'withdrawn',
    'inProgress.total', 'inProgress.withinDeadline', 'inProgress.overdue', 'inProgress.awaitingSupplement',
    'online.eligible', 'online.submitted', 'apologies.sent', 'apologies.lateWithoutLetter'];
  // Each rate with the figures the API divides: shown side by side, never recomputed here.
  const RATE_CARDS = [
    {rate: 'rates.resolved', numerator: ['resolved.total'], denominator: 'received.total'},
    {rate: 'rates.onTime', numerator: ['resolved.early', 'resolved.onTime'], denominator: 'resolved.total'},
    {rate: 'rates.online', numerator: ['online.submitted'], denominator: 'online.eligible'}];

  const state = {lang: localStorage.getItem('motcua.console.lang') || 'vi', config: null, token: null,
    claims: null, offices: new Map(), view: null, items: null, charts: {}};
  const $ = (id) => document.getElementById(id);

  function t(key, params) {
    let text = (I18N[state.lang] && I18N[state.lang][key]) || I18N.vi[key] || key;
    Object.entries(params || {}).forEach(([k, v]) => { text = text.replace('{' + k + '}', v); });
    return text;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = state.lang === 'vi' ? 'English' : 'Tiếng Việt';
    fillParts();
    if (state.view) { render(state.view); }
    if (state.items) { renderItems(state.items); }
  }

  // ---- numbers as the API gave them, only formatted ----
  function number(n) {
    return n === null || n === undefined ? '–' : Number(n).toLocaleString(state.lang === 'vi' ? 'vi-VN' : 'en-US');
  }
  function percent(r) {
    return r === null || r === undefined ? '–'
      : Number(r).toLocaleString(state.lang === 'vi' ? 'vi-VN' : 'en-US', {style: 'percent', maximumFractionDigits: 2});
  }
  function at(obj, path) { return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj); }
  function date(iso) { return iso ? new Date(iso).toLocaleDateString(state.lang === 'vi' ? 'vi-VN' : 'en-GB') : ''; }

  // ---- sign-in: authorization code + PKCE ----
  function base64url(bytes) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_')
      .replace(/=+$/, '');
  }
  function randomString() { return base64url(crypto.getRandomValues(new Uint8Array(32))); }
  function redirectUri() { return window.location.origin + '/'; }

  async function signIn() {
    const verifier = randomString();
    const stateValue = randomString();
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({verifier: verifier, state: stateValue}));
    const url = new URL(state.config.authorizationEndpoint);
    url.search = new URLSearchParams({response_type: 'code', client_id: state.config.clientId,
      redirect_uri: redirectUri(), scope: 'openid', state: stateValue, code_challenge: challenge,
      code_challenge_method: 'S256'}).toString();
    window.location.assign(url.toString());
  }

  async function completeSignIn(params) {
    const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    sessionStorage.removeItem(PKCE_KEY);
    history.replaceState(null, '', '/');
    if (!saved || saved.state !== params.get('state')) { throw new Error('state mismatch'); }
    const answer = await fetch(state.config.tokenEndpoint, {method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({code: params.get('code'), redirect_uri: redirectUri(),
        code_verifier: saved.verifier}).toString()});
    if (!answer.ok) { throw new Error('token ' + answer.status); }
    const body = await answer.json();
    sessionStorage.setItem(TOKEN_KEY, body.access_token);
  }

  function claimsOf(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch (e) { return null; }
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    window.location.assign('/');
  }

  // ---- API ----
  async function api(path, accept) {
    const answer = await fetch(path, {headers: {Authorization: 'Bearer ' + state.token,
      Accept: accept || 'application/json'}});
    if (answer.status === 401) { signOut(); throw new Error('401'); }
    return answer;
  }
  async function json(path) {
    const answer = await api(path);
    if (!answer.ok) { const e = new Error(String(answer.status)); e.status = answer.status; throw e; }
    return answer.json();
  }

  // ---- offices ----
  async function loadOffices() {
    const offices = (state.claims.offices || []).filter((o) => typeof o === 'string');
    const select = $('office');
    if (offices.includes('*')) { // every office: type its code
      select.hidden = true;
      $('office-text').hidden = false;
      return;
    }
    for (const id of offices) {
      try {
        const tree = await json('/api/v1/reports/offices?officeId=' + encodeURIComponent(id));
        tree.offices.forEach((o) => state.offices.set(o.officeId, o));
      } catch (e) { state.offices.set(id, {officeId: id, name: id, parentId: null}); }
    }
    const children = new Map();
    const roots = [];
    state.offices.forEach((o) => {
      if (o.parentId && state.offices.has(o.parentId)) {
        if (!children.has(o.parentId)) { children.set(o.parentId, []); }
        children.get(o.parentId).push(o);
      } else { roots.push(o); }
    });
    select.replaceChildren();
    const add = (o, depth) => {
      const option = document.createElement('option');
      option.value = o.officeId;
      option.textContent = '\u2003'.repeat(depth) + (o.name || o.officeId) + ' (' + o.officeId + ')';
      select.appendChild(option);
      (children.get(o.officeId) || []).sort((a, b) => a.officeId.localeCompare(b.officeId))
        .forEach((c) => add(c, depth + 1));
    };
    roots.sort((a, b) => a.officeId.localeCompare(b.officeId)).forEach((o) => add(o, 0));
  }

  // ---- periods ----
  function fillParts() {
    const kind = $('period-kind').value;
    const part = $('part');
    const current = part.value;
    part.replaceChildren();
    const options = kind === 'half' ? [['H1', t('h1')], ['H2', t('h2')]]
      : kind === 'quarter' ? [1, 2, 3, 4].map((n) => ['Q' + n, t('q', {n: n})])
        : kind === 'month' ? Array.from({length: 12}, (_, i) => [String(i + 1).padStart(2, '0'), t('m', {n: i + 1})])
          : [];
    options.forEach(([value, label]) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = label;
      part.appendChild(o);
    });
    if (options.some(([v]) => v === current)) { part.value = current; }
    document.querySelectorAll('.period-part').forEach((el) => { el.hidden = options.length === 0; });
    document.querySelectorAll('.period-std').forEach((el) => { if (kind === 'dates') { el.hidden = true; } });
    document.querySelectorAll('.period-std:not(.period-part)').forEach((el) => { el.hidden = kind === 'dates'; });
    document.querySelectorAll('.period-dates').forEach((el) => { el.hidden = kind !== 'dates'; });
  }

  function periodQuery() {
    const kind = $('period-kind').value;
    if (kind === 'dates') {
      return 'from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value);
    }
    const year = $('year').value;
    return 'period=' + encodeURIComponent(kind === 'year' ? year : year + '-' + $('part').value);
  }

  function selectedOffice() {
    return $('office').hidden ? $('office-text').value.trim() : $('office').value;
  }

  // ---- the view ----
  async function show(event) {
    if (event) { event.preventDefault(); }
    const office = selectedOffice();
    if (!office) { return; }
    const scope = $('subtree').checked ? 'subtree' : 'self';
    setStatus(t('loading'));
    $('items').hidden = true;
    state.items = null;
    try {
      const report = await json('/api/v1/reports/dossiers?officeId=' + encodeURIComponent(office) + '&'
        + periodQuery() + '&scope=' + scope);
      const dates = 'from=' + report.from + '&to=' + report.to;
      const q = 'officeId=' + encodeURIComponent(office) + '&' + dates;
      const days = (Date.parse(report.to) - Date.parse(report.from)) / 86400000 + 1;
      const interval = days > 62 ? 'month' : days > 14 ? 'week' : 'day';
      const [series, ranking, index, ranking766] = await Promise.all([
        json('/api/v1/reports/dossiers/series?' + q + '&scope=' + scope + '&interval=' + interval),
        json('/api/v1/reports/dossiers/ranking?' + q + '&by=onTime').catch(() => null),
        json('/api/v1/reports/service-index?' + q + '&scope=' + scope).catch(() => null),
        json('/api/v1/reports/service-index/ranking?' + q).catch(() => null)]);
      state.view = {office: office, scope: scope, report: report, series: series, ranking: ranking, index: index,
        ranking766: ranking766};
      setStatus('');
      render(state.view);
    } catch (e) {
      state.view = null;
      $('report').hidden = true;
      setStatus(e.status === 403 ? t('denied') : t('failed') + ' (' + e.message + ')', true);
    }
  }

  function setStatus(text, error) {
    $('status').textContent = text;
    $('status').classList.toggle('error', !!error);
  }

  function render(view) {
    const r = view.report;
    $('report').hidden = false;
    $('report-title').textContent = t('reportOf', {office: r.officeId, from: date(r.from), to: date(r.to)});
    renderCards(r);
    renderCharts(view);
    renderIndex(view);
  }

  function renderCards(r) {
    const cards = $('cards');
    cards.replaceChildren();
    RATE_CARDS.forEach((c) => {
      const card = element('div', 'card rate');
      card.dataset.figure = c.rate;
      card.appendChild(element('div', 'label', t(c.rate)));
      card.appendChild(element('div', 'value', percent(at(r, c.rate))));
      const fraction = element('div', 'fraction');
      c.numerator.forEach((path, i) => {
        if (i > 0) { fraction.appendChild(document.createTextNode(' + ')); }
        fraction.appendChild(figureLink(r, path, 'numerator'));
      });
      fraction.appendChild(document.createTextNode(' / '));
      fraction.appendChild(figureLink(r, c.denominator, 'denominator'));
      card.appendChild(fraction);
      cards.appendChild(card);
    });
    CARD_FIGURES.forEach((path) => {
      const card = element('button', 'card' + (/late|overdue|lateWithout/.test(path) ? ' warn' : ''));
      card.type = 'button';
      card.dataset.figure = path;
      card.appendChild(element('div', 'label', t(path)));
      card.appendChild(element('div', 'value', number(at(r, path))));
      card.addEventListener('click', () => openItems(path, 0));
      cards.appendChild(card);
    });
  }

  function figureLink(r, path, role) {
    const a = element('a', role, number(at(r, path)));
    a.href = '#';
    a.title = t(path);
    a.addEventListener('click', (e) => { e.preventDefault(); openItems(path, 0); });
    return a;
  }

  function element(tag, cls, text) {
    const el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function chart(id) {
    if (!window.echarts) { return null; }
    if (!state.charts[id]) { state.charts[id] = window.echarts.init($(id)); }
    return state.charts[id];
  }

  function renderCharts(view) {
    const rows = view.series.rows;
    const labels = rows.map((row) => row.from === row.to ? date(row.from) : date(row.from) + '–' + date(row.to));
    const trend = chart('trend');
    if (trend) {
      const bar = (path, color) => ({name: t(path), type: 'bar', stack: 'resolved', color: color,
        data: rows.map((row) => at(row, path))});
      trend.setOption({tooltip: {trigger: 'axis'}, legend: {type: 'scroll', bottom: 0},
        grid: {left: 48, right: 16, top: 16, bottom: 64}, xAxis: {type: 'category', data: labels},
        yAxis: {type: 'value'}, series: [
          {name: t('received.total'), type: 'line', color: '#1f4e79', data: rows.map((row) => row.received.total)},
          bar('resolved.early', '#2e7d32'), bar('resolved.onTime', '#8bc34a'), bar('resolved.late', '#e65100'),
          {name: t('inProgress.overdue'), type: 'line', color: '#c62828',
            data: rows.map((row) => row.inProgress.overdue)}]}, true);
    }
    const channels = chart('channels');
    if (channels) {
      const r = view.report.received;
      channels.setOption({tooltip: {trigger: 'item'}, legend: {bottom: 0}, series: [{type: 'pie',
        radius: ['35%', '65%'], data: [
          {name: t('ONLINE'), value: r.online}, {name: t('IN_PERSON'), value: r.inPerson},
          {name: t('POSTAL'), value: r.postal}]}]}, true);
    }
    const ranking = chart('ranking');
    if (ranking) {
      const entries = (view.ranking && view.ranking.rows ? view.ranking.rows : []).slice().reverse();
      ranking.setOption({tooltip: {trigger: 'axis', valueFormatter: (v) => percent(v)},
        grid: {left: 120, right: 24, top: 8, bottom: 24},
        xAxis: {type: 'value', max: 1, axisLabel: {formatter: (v) => percent(v)}},
        yAxis: {type: 'category', data: entries.map((e) => e.name || e.officeId)},
        series: [{type: 'bar', color: '#1f4e79', data: entries.map((e) => e.rate)}]}, true);
    }
  }

  function renderIndex(view) {
    const index = view.index;
    $('index-unavailable').hidden = !!index;
    $('index-total').textContent = index ? number(index.total) + ' / ' + number(index.maxTotal) : '';
    const table = $('index-groups');
    table.replaceChildren();
    (index && index.groups ? index.groups : []).forEach((g) => {
      const tr = document.createElement('tr');
      tr.appendChild(element('td', null, g.name || g.code));
      tr.appendChild(element('td', 'num', number(g.score) + ' / ' + number(g.max)));
      table.appendChild(tr);
    });
    const radar = chart('radar');
    if (radar) {
      const groups = index && index.groups ? index.groups : [];
      radar.setOption(groups.length ? {tooltip: {}, radar: {indicator: groups.map((g) => ({name: g.code || g.name,
        max: g.max || 1}))}, series: [{type: 'radar', areaStyle: {opacity: 0.25},
        data: [{name: view.office, value: groups.map((g) => g.score)}]}]}
        : {title: {text: t('notAvailable'), left: 'center', top: 'middle', textStyle: {fontSize: 13,
          color: '#777'}}}, true);
    }
    const r766 = chart('ranking766');
    if (r766) {
      const list = view.ranking766 ? (view.ranking766.rows || view.ranking766.entries || view.ranking766.items
        || []) : [];
      r766.setOption(list.length ? {tooltip: {trigger: 'axis'}, grid: {left: 120, right: 24, top: 8, bottom: 24},
        xAxis: {type: 'value'}, yAxis: {type: 'category', data: list.slice().reverse().map((e) => e.name
          || e.officeId)}, series: [{type: 'bar', color: '#6a1b9a',
          data: list.slice().reverse().map((e) => e.total)}]}
        : {title: {text: t('notAvailable'), left: 'center', top: 'middle', textStyle: {fontSize: 13,
          color: '#777'}}}, true);
    }
  }

  // ---- the dossiers behind a figure ----
  const PAGE_SIZE = 20;

  async function openItems(figure, page) {
    const v = state.view;
    if (!v) { return; }
    const q = 'officeId=' + encodeURIComponent(v.office) + '&from=' + v.report.from + '&to=' + v.report.to
      + '&scope=' + v.scope + '&figure=' + encodeURIComponent(figure) + '&page=' + page + '&size=' + PAGE_SIZE;
    try {
      state.items = await json('/api/v1/reports/dossiers/items?' + q);
      renderItems(state.items);
      $('items').scrollIntoView({behavior: 'smooth', block: 'start'});
    } catch (e) {
      setStatus(e.status === 403 ? t('denied') : t('failed') + ' (' + e.message + ')', true);
    }
  }

  function renderItems(items) {
    $('items').hidden = false;
    $('items-title').textContent = t('itemsOf', {figure: t(items.figure), total: number(items.total)});
    const body = $('items-table').querySelector('tbody');
    body.replaceChildren();
    items.items.forEach((d) => {
      const tr = document.createElement('tr');
      [d.code || d.dossierId, d.procedureCode, date(d.receivedAt), date(d.dueAt), t(d.status),
        d.timeliness ? t(d.timeliness) : ''].forEach((v) => tr.appendChild(element('td', null, v || '')));
      body.appendChild(tr);
    });
    const pages = Math.max(1, Math.ceil(items.total / items.size));
    $('page-info').textContent = t('pageOf', {page: items.page + 1, pages: pages});
    $('prev').disabled = items.page === 0;
    $('next').disabled = items.page + 1 >= pages;
  }

  // ---- downloads of what is on screen ----
  async function download(accept, extension) {
    const v = state.view;
    if (!v) { return; }
    const answer = await api('/api/v1/reports/dossiers?officeId=' + encodeURIComponent(v.office) + '&from='
      + v.report.from + '&to=' + v.report.to + '&scope=' + v.scope, accept);
    if (!answer.ok) { setStatus(t('failed') + ' (' + answer.status + ')', true); return; }
    const blob = await answer.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'bao-cao-' + v.office + '-' + v.report.from + '-' + v.report.to + '.' + extension;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // ---- start ----
  async function start() {
    applyLanguage();
    $('lang').addEventListener('click', () => {
      state.lang = state.lang === 'vi' ? 'en' : 'vi';
      localStorage.setItem('motcua.console.lang', state.lang);
      applyLanguage();
    });
    $('period-kind').addEventListener('change', fillParts);
    $('query').addEventListener('submit', show);
    $('signin-button').addEventListener('click', () => signIn().catch((e) => showSignIn(e.message)));
    $('signout').addEventListener('click', signOut);
    $('items-close').addEventListener('click', () => { $('items').hidden = true; state.items = null; });
    $('prev').addEventListener('click', () => openItems(state.items.figure, state.items.page - 1));
    $('next').addEventListener('click', () => openItems(state.items.figure, state.items.page + 1));
    $('csv').addEventListener('click', () => download('text/csv', 'csv'));
    $('xlsx').addEventListener('click', () => download(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'));
    window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
    $('year').value = new Date().getFullYear();
    try {
      state.config = await (await fetch('/console/config.json')).json();
      const params = new URLSearchParams(window.location.search);
      if (params.has('code')) { await completeSignIn(params); }
      if (params.has('error')) { throw new Error(params.get('error')); }
    } catch (e) {
      showSignIn(e.message);
      return;
    }
    state.token = sessionStorage.getItem(TOKEN_KEY);
    state.claims = state.token ? claimsOf(state.token) : null;
    if (!state.claims || (state.claims.exp && state.claims.exp * 1000 < Date.now())) {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn();
      return;
    }
    $('who').textContent = state.claims.sub;
    $('signout').hidden = false;
    $('app').hidden = false;
    await loadOffices();
  }

  function showSignIn(error) {
    $('signin').hidden = false;
    $('signin-error').hidden = !error;
    $('signin-error').textContent = error ? t('failed') + ': ' + error : '';
  }

  document.addEventListener('DOMContentLoaded', start);
}());
