import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Product } from './entities/product.entity';

/**
 * Products change only with a migration, that is with a deploy, which restarts the service; a change
 * made by hand in the table reaches new applications within this time. Every registration read the
 * row before: a round trip for a value that does not change.
 */
const DEFAULT_PRODUCT_TTL_MS = 60_000;

@Injectable()
export class ProductsService {
  private cachedDefault?: { product: Promise<Product>; until: number };

  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  /** The product new applications are made for (crédito de innovación unless configured otherwise). */
  async defaultProduct(): Promise<Product> {
    const now = Date.now();
    if (!this.cachedDefault || this.cachedDefault.until <= now) {
      const product = this.products.findOneOrFail({ where: { isDefault: true } });
      this.cachedDefault = { product, until: now + DEFAULT_PRODUCT_TTL_MS };
      // A failed read is not kept: the next registration asks again.
      product.catch(() => (this.cachedDefault = undefined));
    }
    return this.cachedDefault.product;
  }

  async byCode(code: string): Promise<Product> {
    return this.products.findOneOrFail({ where: { code } });
  }
}
