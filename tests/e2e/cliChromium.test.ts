// The CLI's Chromium (electron/node/pdf.ts) renders hostile pages inert: a script in the report
// or an SVG does not run, and nothing is fetched.
import { describe, expect, it } from 'vitest';
import { svgToPng, withChromium } from '../../electron/node/pdf';
import { chromiumPath, skipReason } from './harness';

describe.skipIf(!chromiumPath)(`the CLI's Chromium${skipReason}`, () => {
  it('runs no script in the page it renders', async () => {
    const seen = await withChromium(async (context) => {
      const page = await context.newPage();
      await page.setContent(
        '<html><head><title>report</title></head><body><p id="p">static</p>' +
          '<script>document.title = "script ran"; document.getElementById("p").textContent = "changed"</script>' +
          '<img src="x" onerror="document.title = \'handler ran\'"></body></html>',
      );
      return { title: await page.title(), text: await page.textContent('#p') };
    });
    expect(seen).toEqual({ title: 'report', text: 'static' });
  });

  it('still turns an SVG with a script into a PNG', async () => {
    const png = await svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/><script>throw new Error("ran")</script></svg>',
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
