// The dashboard: polls the learner's /api/state and draws, per model, its learning curves (one point per
// policy version), its current version and the time since its last update; and the dead letters by reason.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, Legend, Title, Tooltip,
} from 'chart.js';
import './style.css';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Title, Tooltip);

const POLL_MS = 1000;
const COLOURS = ['#2563eb', '#dc2626', '#059669', '#d97706'];

/** Each chart of a model: its title and the report fields it draws against the policy version. */
const CHARTS = [
  { id: 'return', title: 'Return', series: [['meanReturn', 'mean'], ['maxReturn', 'max']] },
  { id: 'loss', title: 'Losses', series: [['policyLoss', 'policy'], ['valueLoss', 'value']] },
  { id: 'entropy-kl', title: 'Entropy and approximate KL', series: [['entropy', 'entropy'], ['approxKl', 'KL']] },
  { id: 'ess', title: 'Effective sample size', series: [['effectiveSampleSize', 'ESS'], ['steps', 'steps']] },
];

const cards = new Map();

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function newCard(modelId) {
  const card = el('article', { class: 'model', 'data-model': modelId });
  const heading = el('h2', {}, modelId);
  const facts = el('span', { class: 'facts' });
  heading.append(facts);
  const grid = el('div', { class: 'charts' });
  card.append(heading, grid);
  document.getElementById('models').append(card);
  const charts = CHARTS.map((spec) => {
    const holder = el('div', { class: 'chart', 'data-chart': spec.id, 'data-points': '0' });
    const canvas = el('canvas');
    holder.append(canvas);
    grid.append(holder);
    const chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: spec.series.map(([, label], i) => ({
          label, data: [], borderColor: COLOURS[i], backgroundColor: COLOURS[i], pointRadius: 0, borderWidth: 1.5,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: { x: { type: 'linear', title: { display: true, text: 'policy version' } } },
        plugins: { title: { display: true, text: spec.title }, legend: { position: 'top' } },
      },
    });
    return { spec, holder, chart };
  });
  return { card, facts, charts };
}

function ago(millis) {
  const seconds = Math.max(0, Math.round(millis / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

function drawModel(model, now) {
  if (!cards.has(model.modelId)) cards.set(model.modelId, newCard(model.modelId));
  const { card, facts, charts } = cards.get(model.modelId);
  card.dataset.version = model.version;
  facts.textContent = `version ${model.version} · updated ${model.lastUpdate ? ago(now - model.lastUpdate) : 'never'}`
    + (model.failedUpdates ? ` · ${model.failedUpdates} failed updates` : '');
  facts.classList.toggle('failed', model.modelFailed);
  if (model.modelFailed) facts.textContent += ' · model failed';
  charts.forEach(({ spec, holder, chart }) => {
    spec.series.forEach(([field], i) => {
      chart.data.datasets[i].data = model.points
        .filter((point) => point[field] !== null && point[field] !== undefined)
        .map((point) => ({ x: point.version, y: point[field] }));
    });
    chart.update('none');
    holder.dataset.points = String(model.points.length);
  });
}

function drawDeadLetters(deadLetters) {
  const total = document.getElementById('dead-letter-total');
  total.textContent = deadLetters.total;
  total.dataset.total = deadLetters.total;
  const reasons = document.querySelector('#dead-letter-reasons tbody');
  reasons.replaceChildren(...Object.entries(deadLetters.byReason).map(([reason, count]) => {
    const row = el('tr', { 'data-reason': reason });
    row.append(el('td', {}, reason), el('td', {}, String(count)));
    return row;
  }));
  const latest = document.querySelector('#dead-letter-latest tbody');
  latest.replaceChildren(...deadLetters.latest.map((letter) => {
    const row = el('tr');
    row.append(el('td', {}, new Date(letter.timestamp).toLocaleTimeString()), el('td', {}, letter.reason),
      el('td', { class: 'message' }, letter.message), el('td', {}, letter.source));
    return row;
  }));
}

async function poll() {
  const status = document.getElementById('status');
  try {
    const response = await fetch('api/state', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const state = await response.json();
    state.models.forEach((model) => drawModel(model, state.now));
    drawDeadLetters(state.deadLetters);
    status.textContent = `${state.models.length} models · ${new Date(state.now).toLocaleTimeString()}`;
    status.dataset.state = 'live';
  } catch (error) {
    status.textContent = `cannot reach the learner: ${error.message}`;
    status.dataset.state = 'error';
  }
  setTimeout(poll, POLL_MS);
}

poll();
