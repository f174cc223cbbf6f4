// The web edition's engine host (a Web Worker) answers the same protocol messages as the desktop
// worker thread, with the same answers, byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/node/engineHost';
import { answersOf, protocolCases } from '../fixtures/protocolCases';
import { collect, nodeHost } from '../integration/hostDriver';
import { chromiumPath, openLab, skipReason, type Lab } from './harness';

describe.skipIf(!chromiumPath)(
  `Web Worker host against the worker-thread host${skipReason}`,
  () => {
    let lab: Lab;
    let host: EngineHost;
    beforeAll(async () => {
      lab = await openLab();
      await lab.page.waitForFunction(() => 'archlabTest' in window);
      host = nodeHost();
    });
    afterAll(async () => {
      await host?.terminate();
      await lab?.close();
    });

    for (const c of protocolCases) {
      it(`gives the same answers: ${c.name}`, async () => {
        const inNode = answersOf(await collect(host, c));
        const inBrowser = await lab.page.evaluate(
          ({ messages, endsOn }) =>
            new Promise<unknown[]>((resolve) => {
              const { platform } = window.archlabTest;
              const seen: { type: string }[] = [];
              const off = platform.engine.subscribe((m) => {
                seen.push(m);
                if (endsOn.includes(m.type)) {
                  off();
                  resolve(seen.filter((x) => x.type !== 'run.progress' && x.type !== 'run.chunk'));
                }
              });
              // Malformed messages on purpose: the host, not the type, must turn them away.
              type Request = Parameters<typeof platform.engine.send>[0];
              for (const m of messages) platform.engine.send(m as Request);
            }),
          { messages: c.messages, endsOn: c.endsOn },
        );
        expect(JSON.stringify(inBrowser)).toBe(JSON.stringify(inNode));
      });
    }
  },
);
