import { EntityManager } from 'typeorm';
import { ApplicationException, ApplicationExceptionCode } from '../application.exception';
import { Application } from '../entities/application.entity';

/**
 * Loads an application locked for the rest of the transaction: two changes racing on one application
 * (two decisions, a score and a decision) happen one after the other, the second seeing the first.
 */
export function findApplicationForUpdate(
  manager: EntityManager,
  id: string,
): Promise<Application | null> {
  return manager.findOne(Application, {
    where: { id },
    lock: { mode: 'pessimistic_write', tables: ['application'] },
  });
}

export async function lockApplication(manager: EntityManager, id: string): Promise<Application> {
  const application = await findApplicationForUpdate(manager, id);
  if (!application)
    throw new ApplicationException(
      ApplicationExceptionCode.NotFound,
      `Application ${id} not found`,
      { id },
    );
  return application;
}
