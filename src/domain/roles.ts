/** Roles a user can hold, and which platform service each belongs to. */
export const ROLES = [
  'tenderer',
  'agency',
  'bidder',
  'expert',
  'platform_operator',
  'hub_operator',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export const PLATFORMS = ['trading', 'hub', 'supervision'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_ROLES: Record<Platform, readonly Role[]> = {
  trading: ['tenderer', 'agency', 'bidder', 'expert', 'platform_operator'],
  hub: ['hub_operator'],
  supervision: ['supervisor'],
};

/** The role that administers a platform's accounts. */
export const OPERATOR_ROLE: Record<Platform, Role> = {
  trading: 'platform_operator',
  hub: 'hub_operator',
  supervision: 'supervisor',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
