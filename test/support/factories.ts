import { creditCodeCheckCharacter } from '../../src/domain/credit-code.ts';
import type { Actor } from '../../src/domain/actor.ts';

let serial = 0;

/** A valid, unique unified social credit code (check character computed). */
export function aCreditCode(seed = ++serial): string {
  const body = `91350100${String(seed).padStart(9, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

export function anActor(overrides: Partial<Actor> = {}): Actor {
  return {
    userId: 'user-1',
    username: 'tester',
    organisationId: null,
    roles: ['platform_operator'],
    ip: '203.0.113.7',
    userAgent: 'vitest',
    ...overrides,
  };
}
