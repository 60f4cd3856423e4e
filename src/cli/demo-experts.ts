import { addUser } from '../accounts/add-user.ts';
import { systemActor } from '../domain/actor.ts';
import type { Clock } from '../domain/clock.ts';
import type { Db } from '../store/schema.ts';
import { findUserByUsername } from '../store/user-repository.ts';
import { createExpert } from '../trading/experts/create-expert.ts';
import { tradingDb } from '../trading/schema.ts';
import { demoUserContext } from './demo-actors.ts';
import { DEMO_PASSWORD } from './demo-seed.ts';

/** The specialties the demo committees ask for: four civil engineers and a cost engineer. */
export const DEMO_TECHNICAL_SPECIALTY = '市政工程';
export const DEMO_ECONOMIC_SPECIALTY = '工程造价';

interface DemoExpert {
  readonly username: string;
  readonly name: string;
  readonly category: 'technical' | 'economic';
  readonly specialties: readonly string[];
}

/**
 * The demo's expert pool: seven experts of the provincial building research institute, each with
 * an account of its own (role `expert`, the demo password) to find its seats in the workspace.
 * `expert1` is a demo user of the platform seed; the others are added here.
 */
export const DEMO_EXPERTS: readonly DemoExpert[] = [
  {
    username: 'expert1',
    name: '张工',
    category: 'technical',
    specialties: [DEMO_TECHNICAL_SPECIALTY, '房屋建筑'],
  },
  { username: 'expert2', name: '李工', category: 'technical', specialties: [DEMO_TECHNICAL_SPECIALTY] },
  {
    username: 'expert3',
    name: '王工',
    category: 'technical',
    specialties: [DEMO_TECHNICAL_SPECIALTY, '水利工程'],
  },
  { username: 'expert4', name: '赵工', category: 'technical', specialties: [DEMO_TECHNICAL_SPECIALTY] },
  {
    username: 'expert5',
    name: '陈工',
    category: 'technical',
    specialties: [DEMO_TECHNICAL_SPECIALTY, '园林绿化'],
  },
  { username: 'expert6', name: '周会计师', category: 'economic', specialties: [DEMO_ECONOMIC_SPECIALTY] },
  { username: 'expert7', name: '孙会计师', category: 'economic', specialties: [DEMO_ECONOMIC_SPECIALTY] },
];

/**
 * Adds the experts' accounts (in `expert1`'s organisation) and enters each in the pool as the
 * platform operator would, linked to its account. What exists already is kept, so a restart adds
 * nothing.
 */
export async function seedDemoExperts(db: Db, clock: Clock): Promise<number> {
  const employer = await findUserByUsername(db, 'expert1');
  if (!employer?.organisationId) throw new Error('demo user expert1 is missing');
  const system = { db, clock, actor: systemActor('demo'), platform: 'trading' as const };
  let added = 0;
  for (const [index, expert] of DEMO_EXPERTS.entries()) {
    const user =
      (await findUserByUsername(db, expert.username)) ??
      (await addUser(system, {
        username: expert.username,
        displayName: `评标专家 ${expert.name}`,
        password: DEMO_PASSWORD,
        roles: ['expert'],
        organisationId: employer.organisationId,
      }));
    const pooled = await tradingDb(db)
      .selectFrom('expert')
      .select('id')
      .where('userId', '=', user.id)
      .execute();
    if (pooled.length) continue;
    await createExpert(await demoUserContext(db, clock, 'operator'), {
      name: expert.name,
      // A made-up number of the right shape: only its hash is kept.
      idNumber: `35010219700101${String(index + 1).padStart(3, '0')}X`,
      specialties: [...expert.specialties],
      employerOrganisationId: employer.organisationId,
      region: '350100',
      category: expert.category,
      userId: user.id,
      conflictOrganisationIds: [],
    });
    added++;
  }
  return added;
}
