import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toUserView, UpdateUserDto, UserView } from '../dtos/user.dtos';
import { User } from '../entities/user.entity';
import { UsersException, UsersExceptionCode as Code } from '../users.exception';

/**
 * PATCH /api/users/{id}: display name, role, active. A deactivation or a role change increments the
 * token version, so the user's earlier tokens stop working at once (the user signs in again, with
 * its new role). The last active admin can be neither deactivated nor given another role.
 */
@Injectable()
export class UpdateUserService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute(id: string, change: UpdateUserDto): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      // Every change takes the active admins' rows first, in one order: two admins demoting each
      // other at once are serialised, and the second finds itself the last one.
      const admins = await manager
        .createQueryBuilder(User, 'u')
        .select('u.id', 'id')
        .where("u.role = 'admin' AND u.active")
        .orderBy('u.id')
        .setLock('pessimistic_write')
        .getRawMany<{ id: string }>();
      const user = await manager.findOne(User, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user) throw new UsersException(Code.NotFound, 'No such user');

      const next = {
        displayName: change.displayName ?? user.displayName,
        role: change.role ?? user.role,
        active: change.active ?? user.active,
      };
      const wasActiveAdmin = user.role === 'admin' && user.active;
      const staysActiveAdmin = next.role === 'admin' && next.active;
      if (wasActiveAdmin && !staysActiveAdmin && !admins.some((admin) => admin.id !== id)) {
        throw new UsersException(
          Code.LastActiveAdmin,
          'The last active admin can be neither deactivated nor given another role',
        );
      }
      const revokesTokens = next.role !== user.role || (user.active && !next.active);
      const tokenVersion = user.tokenVersion + (revokesTokens ? 1 : 0);
      await manager.update(User, id, { ...next, tokenVersion });
      return toUserView({ ...user, ...next });
    });
  }
}
