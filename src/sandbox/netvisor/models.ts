import type { XmlElement } from './xml-tree';

/**
 * Content models copied from Netvisor's DTDs (fixtures/netvisor/dtd), with `paymentterm` inserted
 * before `paymenttermnetdays` as the current API has it (reference §6.2). Elements without a
 * model are text-only.
 */
const MODELS: Record<string, string> = {
  root: 'salesinvoice|customer|product',
  salesinvoice:
    'salesinvoicenumber?, salesinvoicedate, salesinvoiceeventdate?, salesinvoiceduedate?, salesinvoicevaluedate?, salesinvoicedeliverydate?, salesinvoicedeliverytocustomerdate?, salesinvoicewaybillidentifier?, salesinvoicereferencenumber?, salesinvoiceamount, selleridentifier?, sellername?, invoicetype?, salesinvoicestatus, salesinvoicefreetextbeforelines?, salesinvoicefreetextafterlines?, salesinvoiceourreference?, salesinvoiceyourreference?, salesinvoiceprivatecomment?, invoicingcustomeridentifier, invoicingcustomername?, invoicingcustomernameextension?, invoicingcustomeraddressline?, invoicingcustomeradditionaladdressline?, invoicingcustomerpostnumber?, invoicingcustomertown?, invoicingcustomercountrycode?, officeidentifier?, deliveryoffice?, deliveryaddressname?, deliveryaddressnameextension?, deliveryaddressline?, deliveryaddresspostnumber?, deliveryaddresstown?, deliveryaddresscountrycode?, deliverymethod?, deliveryterm?, salesinvoicetaxhandlingtype?, paymentterm?, paymenttermnetdays?, paymenttermcashdiscountdays?, paymenttermcashdiscount?, expectpartialpayments?, trydirectdebitlink?, overridevouchersalesreceivablesaccountnumber?, invoicesubjecttype?, salesinvoiceagreementidentifier?, printchannelformat?, secondname?, overriderateofoverdue?, ordernumber?, invoicelines, invoicevoucherlines?, salesinvoiceaccrual?, accrualrule?, salesinvoiceattachments?, customtags?',
  invoicelines: 'invoiceline+',
  invoiceline: 'salesinvoiceproductline|salesinvoicecommentline',
  salesinvoiceproductline:
    'productidentifier, productname, productunitprice, productunitpurchaseprice?, productvatpercentage, salesinvoiceproductlinequantity, salesinvoiceproductlinediscountpercentage?, salesinvoiceproductlinefreetext?, salesinvoiceproductlinevatsum?, salesinvoiceproductlinesum?, salesinvoiceproductlineinventoryid?, accountingaccountsuggestion?, skipaccrual?, dimension*, provisionpercentage?, accrualrule?, productunitname?',
  salesinvoicecommentline: 'comment',
  dimension: 'dimensionname, dimensionitem',
  customtags: 'tag*',
  tag: 'tagname, tagvalue',
  customer:
    'customerbaseinformation, customerfinvoicedetails?, customermaventaedidetails?, customerdeliverydetails?, customercontactdetails?, customeradditionalinformation?, customerdimensiondetails?',
  customerbaseinformation:
    'internalidentifier?, externalidentifier?, organizationunitnumber?, name?, nameextension?, streetaddress?, additionaladdressline?, city?, postnumber?, country?, customergroupname?, phonenumber?, faxnumber?, email?, homepageuri?, isactive?, isprivatecustomer?, emailinvoicingaddress?',
  customerfinvoicedetails: 'finvoiceaddress?, finvoiceroutercode?',
  customerdeliverydetails: 'deliveryname?, deliverystreetaddress?, deliverycity?, deliverypostnumber?, deliverycountry?',
  customercontactdetails: 'contactname?, contactperson?, contactpersonemail?, contactpersonphone?',
  customeradditionalinformation:
    'comment?, customeragreementidentifier?, customerreferencenumber?, directdebitbankaccount?, invoicinglanguage?, invoiceprintchannelformat?, yourdefaultreference?, defaulttextbeforeinvoicelines?, defaulttextafterinvoicelines?, defaultpaymentterm?, defaultsalesperson?',
  defaultsalesperson: 'salespersonid',
  product: 'productbaseinformation, productbookkeepingdetails?, productadditionalinformation?',
  productbaseinformation:
    'productcode?, productgroup, name, description?, unitprice, unit?, unitweight?, kaukevaproductcode?, purchaseprice?, tariffheading?, comissionpercentage?, isactive, issalesproduct, inventoryenabled?, countryoforigin?, primaryeancode?, secondaryeancode?',
  productbookkeepingdetails: 'defaultvatpercentage, defaultdomesticaccountnumber?, defaulteuaccountnumber?, defaultoutsideeuaccountnumber?',
};

interface Particle {
  names: string[];
  min: number;
  max: number;
}

function particles(model: string): Particle[] {
  return model.split(',').map((raw) => {
    const item = raw.trim();
    const suffix = item.at(-1);
    const bare = suffix === '?' || suffix === '*' || suffix === '+' ? item.slice(0, -1) : item;
    const min = suffix === '?' || suffix === '*' ? 0 : 1;
    const max = suffix === '*' || suffix === '+' ? Infinity : 1;
    return { names: bare.split('|'), min, max };
  });
}

const COMPILED = new Map(Object.entries(MODELS).map(([name, model]) => [name, particles(model)]));

/**
 * Validates element order, presence and non-empty compulsory text as a DTD validator would.
 * Returns a short description of the first problem, or undefined when the element is valid.
 */
export function validateElement(node: XmlElement): string | undefined {
  const model = COMPILED.get(node.name);
  if (!model) return node.children.length > 0 ? `element '${node.name}' must not contain elements` : undefined;
  let i = 0;
  for (const particle of model) {
    let count = 0;
    while (count < particle.max && i < node.children.length && particle.names.includes(node.children[i]!.name)) {
      const c = node.children[i]!;
      if (particle.min > 0 && !COMPILED.has(c.name) && c.text.trim() === '') return `compulsory element '${c.name}' is empty`;
      i++;
      count++;
    }
    if (count < particle.min) return `'${node.name}' is missing compulsory element '${particle.names.join('|')}'${i < node.children.length ? ` before '${node.children[i]!.name}'` : ''}`;
  }
  const extra = node.children[i];
  if (extra) return `element '${extra.name}' is not allowed here in '${node.name}' (unknown or out of order)`;
  for (const c of node.children) {
    const problem = validateElement(c);
    if (problem) return problem;
  }
  return undefined;
}
