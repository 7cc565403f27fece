import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runMain, tempDir } from './cliHarness.js';

// The HTML explorer in a real headless Chromium: Debian's `chromium` package (.ci/run installs
// it), or the browser CHROMIUM_PATH names. Nothing here is skipped: without a browser it fails.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EVIL = join(ROOT, 'test', 'fixtures', 'explorer', 'evil-names');
/** `UPDATE_SCREENSHOT=1 npx vitest run test/e2e/explorer.test.ts` refreshes the README's picture. */
const SCREENSHOT = join(ROOT, 'docs', 'explorer.png');

async function explorerOf(dir: string, model: string[]): Promise<{ html: string; steps: { text: string }[] }> {
  // The shrunk F2 story: the search for a shorter one (tens of seconds) is tested elsewhere.
  expect((await runMain(['check', ...model, '-p', 'single-authoritative-rloc', '--bounds', 'moves=1,losses=0', '--shortest-budget', '0', '--trace-dir', dir], ROOT)).code).toBe(1);
  const trace = join(dir, 'single-authoritative-rloc-1.json');
  const html = join(dir, 'explorer.html');
  expect((await runMain(['trace', 'html', trace, '-o', html], ROOT)).code).toBe(0);
  return { html, steps: (JSON.parse(readFileSync(trace, 'utf8')) as { steps: { text: string }[] }).steps };
}

describe('trace html explorer in Chromium', () => {
  let browser: Browser;
  let dir = '';
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`);
    }
    // --no-sandbox: CI and the dev machines run as root, where Chromium's sandbox cannot start.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    dir = tempDir();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A page that records every dialog and script error instead of letting them pass unseen. */
  async function open(html: string): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(html).href);
    return { page, dialogs, errors };
  }

  const msRow = (page: Page) => page.locator('tr[data-row="ms|core|192.168.1.10/32"]');
  const currentSteps = (page: Page) => page.$$eval('svg .seq-event.current', (gs) => gs.map((g) => Number(g.getAttribute('data-step'))));

  it('should step through the F2 race with the keyboard, moving every highlight with the step', async () => {
    const { html, steps } = await explorerOf(join(dir, 'seed'), []);
    const n = steps.length;
    // The step that delivers dcedge-2's Map-Register to the MS (1-based).
    const s = steps.findIndex((x) => x.text.startsWith('deliver Map-Register 10.0.2.2 -> 10.0.3.1')) + 1;
    expect(s).toBeGreaterThan(1);
    const { page, dialogs, errors } = await open(html);

    await expect.poll(() => page.textContent('#step-label')).toMatch(new RegExp(`^step 0 of ${n}\\b`));
    expect(await page.getAttribute('#steps li.current', 'data-step')).toBe('0');
    expect(await msRow(page).locator('td.value').textContent()).toBe('10.0.1.2');

    for (let k = 1; k < s; k++) await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#step-label')).toMatch(new RegExp(`^step ${s - 1} of ${n}\\b`));
    expect(await msRow(page).locator('td.value').textContent()).toBe('10.0.1.2');
    expect(await msRow(page).getAttribute('class')).toBeNull();

    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#steps li.current', 'data-step')).toBe(String(s));
    expect(await page.getAttribute('#steps li.current', 'aria-current')).toBe('step');
    const highlighted = await currentSteps(page);
    expect(highlighted.length).toBeGreaterThan(0);
    expect(new Set(highlighted)).toEqual(new Set([s]));
    expect(await page.locator('svg .seq-event.current text').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Map-Register 10\.0\.2\.2 -> 10\.0\.3\.1 for 192\.168\.1\.10\/32/)]),
    );
    expect(await page.locator('svg .seq-event.future').count()).toBeGreaterThan(0);
    expect(await msRow(page).getAttribute('class')).toBe('changed');
    expect(await msRow(page).locator('td.value').textContent()).toBe('10.0.2.210.0.1.2');
    expect(await msRow(page).locator('td.value .was').textContent()).toBe('10.0.1.2');
    expect(await page.textContent('#detail')).toContain('core MS 192.168.1.10/32: 10.0.1.2 -> 10.0.2.2');

    const shot = await page.screenshot({ fullPage: true });
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    if (process.env.UPDATE_SCREENSHOT) {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      writeFileSync(SCREENSHOT, shot);
    }

    await page.keyboard.press('ArrowLeft');
    expect(await page.getAttribute('#steps li.current', 'data-step')).toBe(String(s - 1));
    expect(new Set(await currentSteps(page))).toEqual(new Set([s - 1]));
    await page.keyboard.press('End');
    expect(await page.textContent('#step-label')).toMatch(new RegExp(`^step ${n} of ${n}\\b`));
    expect(await page.locator('svg .seq-event.future').count()).toBe(0);
    expect(await page.textContent('#detail')).toContain('VIOLATED single-authoritative-rloc');
    // F2 ends with both xTRs withdrawn: the MS holds nothing for vm1.
    expect(await msRow(page).count()).toBe(0);
    await page.keyboard.press('Home');
    expect(await page.getAttribute('#steps li.current', 'data-step')).toBe('0');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('should show hostile router and host names as text and run none of them', async () => {
    const { html } = await explorerOf(join(dir, 'evil'), [EVIL]);
    const { page, dialogs, errors } = await open(html);
    expect(await page.title()).toBe('roamcheck: seed-lab <script>alert(2)</script> \u2014 single-authoritative-rloc');
    await page.keyboard.press('End');
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('End');
    // An <img src=x> would fail to load and fire onerror on its own; give it the time to.
    await page.waitForTimeout(300);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('svg .participant text', { hasText: '<img/src=x/onerror=alert(1)>' }).count()).toBe(1);
    expect(await page.locator('.card[data-node="<img/src=x/onerror=alert(1)>"] h3').textContent()).toMatch(/^<img\/src=x\/onerror=alert\(1\)>/);
    expect(await page.textContent('#verdict')).toContain('<img src=x onerror=alert(1)> (192.168.1.10) is at <img/src=x/onerror=alert(1)>');
    expect(await page.textContent('#tables')).toContain('<img src=x onerror=alert(1)>');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
