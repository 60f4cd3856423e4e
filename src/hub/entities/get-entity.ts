import { parseCreditCode } from '../../domain/credit-code.ts';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../../store/schema.ts';
import { findEntity, type Entity } from './entity-repository.ts';

/** The registered entity of a credit code; a wrong code is refused naming its wrong character. */
export async function getEntity(db: Db, creditCodeInput: string): Promise<Entity> {
  const creditCode = parseCreditCode(creditCodeInput);
  const entity = await findEntity(db, creditCode);
  if (!entity) throw new AppError('ENTITY_NOT_FOUND', { creditCode });
  return entity;
}
