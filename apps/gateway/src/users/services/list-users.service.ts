import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ListUsersQuery, toUserView, UsersPage } from '../dtos/user.dtos';
import { User } from '../entities/user.entity';

/** GET /api/users: staff accounts by username, active or not. */
@Injectable()
export class ListUsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async execute(query: ListUsersQuery): Promise<UsersPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [users, total] = await this.users.findAndCount({
      order: { username: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: users.map(toUserView), total, page, pageSize };
  }
}
