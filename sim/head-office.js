// The head office: publishes the catalogue (`producto`, a shared table every store pulls) with the
// admin token and changes it while stores are offline. It talks to the server directly (it is
// not a store behind the faulty network) and retries until the server answers.
const { generator } = require('./random');

const PRODUCTS = 20;

class HeadOffice {
  constructor({ url, adminToken, seed }) {
    this.url = url;
    this.adminToken = adminToken;
    this.seed = seed;
    this.written = 0;
  }

  /** Step 1 publishes every product; later steps change about a third of the prices. */
  async write(step) {
    const random = generator(this.seed, `head-office:${step}`);
    const operations = [];
    for (let n = 0; n < PRODUCTS; n++) {
      const id = `sku-${String(n).padStart(3, '0')}`;
      if (step === 1)
        operations.push({
          operation: 'CREATE',
          record: { id, name: `product ${n}`, price: random.int(100, 9999) / 100 },
        });
      else if (random.next() < 0.35)
        operations.push({
          operation: 'UPDATE',
          record: { id, name: `product ${n}`, price: random.int(100, 9999) / 100, step },
        });
    }
    if (operations.length === 0) return 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await fetch(`${this.url}/admin/tables/producto/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ operations }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = await answer.json();
        if (!answer.ok) throw new Error(`head office: ${answer.status} ${JSON.stringify(body).slice(0, 300)}`);
        this.written += operations.length;
        return operations.length;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((wake) => setTimeout(wake, 500));
      }
    }
  }
}

module.exports = { HeadOffice };
