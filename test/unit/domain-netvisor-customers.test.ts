import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkCustomerDetails, customerDetailsDiffer, type NetvisorCustomerDetails, type RackbeatCustomerDetails } from '../../src/domain/netvisor';

const rackbeat: RackbeatCustomerDetails = { number: 1001, name: 'Oy Asiakas Ab', company_vat: 'FI19675438', address_street: 'Pajukuja 2', address_zipcode: '53100', address_city: 'Lappeenranta', address_country: 'FI' };
const netvisor: NetvisorCustomerDetails = { name: 'Oy Asiakas Ab', businessId: '1967543-8', streetAddress: 'Pajukuja 2', postNumber: '53100', city: 'Lappeenranta', country: 'FI' };

describe('Netvisor seed rule: one customer number, one set of details', () => {
  const cases: { name: string; rackbeat: Partial<RackbeatCustomerDetails>; netvisor: Partial<NetvisorCustomerDetails>; fields: string[] }[] = [
    { name: 'identical details do not differ', rackbeat: {}, netvisor: {}, fields: [] },
    { name: 'case and repeated spaces do not count', rackbeat: { name: 'OY  ASIAKAS AB ', address_city: 'lappeenranta' }, netvisor: {}, fields: [] },
    { name: 'a VAT number and a business id with a dash are the same id', rackbeat: { company_vat: '1967543-8' }, netvisor: { businessId: '19675438' }, fields: [] },
    { name: 'a field empty on one side is not a difference', rackbeat: { address_street: null, address_city: '' }, netvisor: { postNumber: undefined }, fields: [] },
    { name: 'a missing Rackbeat country means FI', rackbeat: { address_country: null }, netvisor: { country: 'fi' }, fields: [] },
    { name: 'a missing Rackbeat country differs from a Swedish card', rackbeat: { address_country: null }, netvisor: { country: 'SE' }, fields: ['country'] },
    { name: 'another name and city differ', rackbeat: { name: 'Asiakas Oy', address_city: 'Turku' }, netvisor: {}, fields: ['name', 'city'] },
    { name: 'another business id, street and postal code differ', rackbeat: { company_vat: 'FI01234567', address_street: 'Kauppakatu 1', address_zipcode: '20100' }, netvisor: {}, fields: ['business id', 'street', 'postal code'] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(customerDetailsDiffer({ ...rackbeat, ...c.rackbeat }, { ...netvisor, ...c.netvisor }).map((d) => d.field), c.fields);
    });
  }

  test('the hold names each differing field with both values and says to make them the same', () => {
    assert.deepEqual(checkCustomerDetails({ ...rackbeat, address_city: 'Turku', address_zipcode: '20100' }, netvisor), {
      code: 'CUSTOMER_DETAILS_DIFFER',
      message: "Make the postal code, city of customer 1001 the same in Rackbeat and Netvisor (postal code: Rackbeat '20100', Netvisor '53100'; city: Rackbeat 'Turku', Netvisor 'Lappeenranta'), because one customer number must not carry two sets of details.",
    });
  });

  test('matching details give no hold', () => assert.equal(checkCustomerDetails(rackbeat, netvisor), undefined));
});
