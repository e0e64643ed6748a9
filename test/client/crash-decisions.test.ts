import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CrashDecisions,
  MAX_CONNECTION_ERRORS,
  MAX_RESTARTS,
  RESTART_WINDOW_MS,
} from '../../client/src/crash-decisions';

/** Decisions on a clock the test moves. */
function decisionsAt(): { decisions: CrashDecisions; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  return { decisions: new CrashDecisions(() => clock.now), clock };
}

describe('the crash policy of the VS Code client', () => {
  test('restarts a running server that crashed, up to the limit, then gives up', () => {
    const { decisions, clock } = decisionsAt();
    for (let crash = 1; crash <= MAX_RESTARTS; crash++) {
      clock.now += 1000;
      assert.deepEqual(decisions.closed(true), { carryOn: true }, `crash ${crash}`);
    }
    clock.now += 1000;
    const last = decisions.closed(true);
    assert.equal(last.carryOn, false);
    assert.match(last.giveUp ?? '', /crashed 5 times in 3 minutes/);
  });

  test('forgets crashes older than the window', () => {
    const { decisions, clock } = decisionsAt();
    for (let crash = 1; crash <= MAX_RESTARTS; crash++) {
      assert.equal(decisions.closed(true).carryOn, true);
    }
    clock.now += RESTART_WINDOW_MS + 1;
    assert.deepEqual(decisions.closed(true), { carryOn: true });
  });

  test('does not restart a server that died while starting, and says nothing', () => {
    const { decisions } = decisionsAt();
    assert.deepEqual(decisions.closed(false), { carryOn: false });
  });

  test('keeps the connection through a few errors, then shuts it down', () => {
    const { decisions } = decisionsAt();
    assert.deepEqual(decisions.connectionError(1, true), { carryOn: true });
    assert.deepEqual(decisions.connectionError(MAX_CONNECTION_ERRORS, true), { carryOn: true });
    const after = decisions.connectionError(MAX_CONNECTION_ERRORS + 1, true);
    assert.equal(after.carryOn, false);
    assert.match(after.giveUp ?? '', /keeps failing/);
    assert.deepEqual(decisions.connectionError(MAX_CONNECTION_ERRORS + 1, false), {
      carryOn: false,
    });
  });
});
