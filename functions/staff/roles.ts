/**
 * Who may do what in the console, as data. Every console page and staff API route names one of
 * these permissions; anything not granted here is refused (deny by default), checked in one place.
 */

export const ROLES = ['admin', 'supervisor', 'operator', 'partner-caseworker'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'queue:read',
  'queue:claim',
  'queue:assign',
  'queue:floor',
  'conversation:read',
  'conversation:reply',
  'conversation:priority',
  'media:view',
  'simulator:use',
  'staff:manage',
  'audit:read',
  'content:preview',
  'referral:create',
  'referral:confirm',
  'referral:intake',
  'partner:manage',
  'statistics:read',
  'statistics:exact',
  'statistics:exclude',
  'statistics:refresh',
  'directory:verify',
  'jobs:read',
  'jobs:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OPERATOR: Permission[] = [
  'queue:read',
  'queue:claim',
  'conversation:read',
  'conversation:reply',
  'conversation:priority',
  // Photos, voice notes and documents texters sent; each view is audited.
  'media:view',
  'referral:create',
  'content:preview',
  // Suppressed figures and campaign reach: what the public sees, and page reads.
  'statistics:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  operator: OPERATOR,
  supervisor: [
    ...OPERATOR,
    'queue:assign',
    'queue:floor',
    'audit:read',
    'referral:confirm',
    'statistics:exact',
    'statistics:exclude',
    // Confirming a help-directory entry against its source: readers then see the date.
    'directory:verify',
  ],
  // The simulator signs texts with the hotline's secret: for administrators only.
  admin: [
    ...OPERATOR,
    'simulator:use',
    'queue:assign',
    'queue:floor',
    'audit:read',
    'staff:manage',
    'referral:confirm',
    'partner:manage',
    'statistics:exact',
    'statistics:exclude',
    'statistics:refresh',
    'directory:verify',
    'jobs:read',
    'jobs:run',
  ],
  'partner-caseworker': ['referral:intake'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
