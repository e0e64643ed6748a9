import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { iterateSha256 } from '../../server/src/certs/sha256-iterate';

function iterateWithNode(value: Buffer, rounds: number): Buffer {
  let digest = value;
  for (let round = 0; round < rounds; round++) {
    digest = createHash('sha256').update(digest).digest();
  }
  return digest;
}

describe('iterated SHA-256', () => {
  for (const rounds of [0, 1, 2, 2047]) {
    it(`matches Node's crypto for ${rounds} rounds`, () => {
      for (let sample = 0; sample < 20; sample++) {
        const value = randomBytes(32);
        assert.deepEqual(iterateSha256(value, rounds), iterateWithNode(value, rounds));
      }
    });
  }

  it('matches a known digest: SHA-256 of 32 zero bytes', () => {
    assert.equal(
      iterateSha256(Buffer.alloc(32), 1).toString('hex'),
      '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925',
    );
  });

  it('refuses values that are not 32 bytes long', () => {
    assert.throws(() => iterateSha256(Buffer.alloc(31), 1), RangeError);
  });
});
