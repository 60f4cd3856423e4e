import type { Role } from './roles.ts';

/** Who is acting, from where: handed to every use case and written into every audit event. */
export interface Actor {
  readonly userId: string | null;
  readonly username: string | null;
  readonly organisationId: string | null;
  readonly roles: readonly Role[];
  readonly ip: string;
  readonly userAgent: string | null;
}

export interface AuthenticatedActor extends Actor {
  readonly userId: string;
  readonly username: string;
}

export function anonymousActor(ip: string, userAgent: string | null): Actor {
  return { userId: null, username: null, organisationId: null, roles: [], ip, userAgent };
}

/** The actor used by commands run on the operator's own machine (migrations, user add, demo seeding). */
export function systemActor(command: string): Actor {
  return {
    userId: null,
    username: `system:${command}`,
    organisationId: null,
    roles: [],
    ip: 'local',
    userAgent: 'zhaocai-cli',
  };
}

/** The actor of work the platform does on its own at a set time (opening halls, closing windows). */
export function scheduledTaskActor(task: string): Actor {
  return {
    userId: null,
    username: `system:${task}`,
    organisationId: null,
    roles: [],
    ip: 'local',
    userAgent: 'zhaocai-scheduler',
  };
}
