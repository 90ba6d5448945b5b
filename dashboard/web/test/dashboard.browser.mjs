// The dashboard in a real browser during a live run: Debian's Chromium, driven by playwright-core.
// usage: node test/dashboard.browser.mjs URL SCREENSHOT.png [MODEL [DEAD_LETTER_REASON]]
// Loads URL, waits for MODEL's learning curve, then for it to gain points as new versions arrive, checks the
// version, waits for a dead letter of DEAD_LETTER_REASON in the table when one is named, and saves a screenshot.
// Exit status 0 when all of that happened.
import { chromium } from 'playwright-core';

const [url, screenshot, model = 'cartpole', deadLetterReason] = process.argv.slice(2);
if (!url || !screenshot) {
  console.error('usage: node test/dashboard.browser.mjs URL SCREENSHOT.png [MODEL]');
  process.exit(2);
}
const TIMEOUT_MS = 90_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);

  const curve = page.locator(`article[data-model="${model}"] [data-chart="return"]`);
  await curve.waitFor({ timeout: TIMEOUT_MS });
  await page.waitForFunction((selector) => Number(document.querySelector(selector)?.dataset.points) >= 2,
    `article[data-model="${model}"] [data-chart="return"]`, { timeout: TIMEOUT_MS });
  const before = Number(await curve.getAttribute('data-points'));
  const versionBefore = Number(await page.locator(`article[data-model="${model}"]`).getAttribute('data-version'));

  await page.waitForFunction(([selector, count]) => Number(document.querySelector(selector).dataset.points) >= count,
    [`article[data-model="${model}"] [data-chart="return"]`, before + 3], { timeout: TIMEOUT_MS });
  const after = Number(await curve.getAttribute('data-points'));
  const versionAfter = Number(await page.locator(`article[data-model="${model}"]`).getAttribute('data-version'));
  if (deadLetterReason) {
    await page.locator(`#dead-letter-reasons tr[data-reason="${deadLetterReason}"]`).waitFor({ timeout: TIMEOUT_MS });
  }
  const status = await page.locator('#status').getAttribute('data-state');
  const facts = await page.locator(`article[data-model="${model}"] .facts`).textContent();

  await page.screenshot({ path: screenshot, fullPage: true });
  const failures = [];
  if (!(after > before)) failures.push(`the curve did not gain points (${before} → ${after})`);
  if (!(versionAfter > versionBefore)) failures.push(`the version did not advance (${versionBefore} → ${versionAfter})`);
  if (status !== 'live') failures.push(`status ${status}`);
  if (!facts.includes(`version ${versionAfter}`) || !facts.includes('updated')) failures.push(`facts "${facts}"`);
  if (errors.length) failures.push(`page errors: ${errors.join('; ')}`);
  console.log(JSON.stringify({ pointsBefore: before, pointsAfter: after, versionBefore, versionAfter, facts,
    screenshot }));
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
