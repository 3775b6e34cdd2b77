import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../../../functions/staff/roles.ts';

const EXPECTED: Record<string, string[]> = {
  operator: [
    'queue:read',
    'queue:claim',
    'conversation:read',
    'conversation:reply',
    'conversation:priority',
    'media:view',
    'referral:create',
    'content:preview',
    'statistics:read',
  ],
  supervisor: [
    'queue:read',
    'queue:claim',
    'conversation:read',
    'conversation:reply',
    'conversation:priority',
    'media:view',
    'referral:create',
    'content:preview',
    'queue:assign',
    'queue:floor',
    'audit:read',
    'referral:confirm',
    'statistics:read',
    'statistics:exact',
    'statistics:exclude',
    'directory:verify',
  ],
  admin: [
    'queue:read',
    'queue:claim',
    'conversation:read',
    'conversation:reply',
    'conversation:priority',
    'media:view',
    'simulator:use',
    'referral:create',
    'content:preview',
    'queue:assign',
    'queue:floor',
    'audit:read',
    'staff:manage',
    'referral:confirm',
    'partner:manage',
    'statistics:read',
    'statistics:exact',
    'statistics:exclude',
    'statistics:refresh',
    'directory:verify',
    'jobs:read',
    'jobs:run',
  ],
  'partner-caseworker': ['referral:intake'],
};

describe('permissions', () => {
  it.each(ROLES)('%s can do exactly its own things', (role) => {
    for (const permission of PERMISSIONS) {
      expect(can(role, permission), `${role} ${permission}`).toBe(EXPECTED[role]!.includes(permission));
    }
  });

  it('grants only known permissions', () => {
    for (const granted of Object.values(ROLE_PERMISSIONS))
      for (const p of granted) expect(PERMISSIONS).toContain(p);
  });
});
