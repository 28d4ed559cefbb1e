import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Product } from './entities/product.entity';

@Injectable()
export class ProductsService {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  /** The product new applications are made for (crédito de innovación unless configured otherwise). */
  async defaultProduct(): Promise<Product> {
    return this.products.findOneOrFail({ where: { isDefault: true } });
  }

  async byCode(code: string): Promise<Product> {
    return this.products.findOneOrFail({ where: { code } });
  }
}
