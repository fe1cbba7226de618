"""Drives the independent PyPI client `netvisor-api-client` against the rackbridge Netvisor simulator.

Usage: python netvisor_client_roundtrip.py <base-url> <credentials-json>
Lists, reads and creates customers, products and sales invoices, reads the new ones back and
prints one JSON object with what the client returned; any exception exits non-zero.
"""

import json
import sys
from datetime import date
from decimal import Decimal

from netvisor_api_client import Netvisor


def plain(value):
    """JSON-friendly copy of the client's parsed objects (Decimal, date)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def main() -> None:
    base_url, credentials = sys.argv[1], json.loads(sys.argv[2])
    client = Netvisor(
        host=base_url,
        sender=credentials["sender"],
        partner_id=credentials["partnerId"],
        partner_key=credentials["partnerKey"],
        customer_id=credentials["customerId"],
        customer_key=credentials["customerKey"],
        organization_id=credentials["organisationId"],
        language="EN",
    )
    out = {}
    out["customersBefore"] = client.customers.list()
    out["seedCustomer"] = client.customers.get(out["customersBefore"][0]["netvisor_key"])
    customer_key = client.customers.create(
        {
            "customer_base_information": {
                "internal_identifier": "3001",
                "name": "Pythonin Kauppa Oy",
                "street_address": "Kauppakatu 1",
                "city": "Jyväskylä",
                "post_number": "40100",
                "country": "FI",
                "is_active": True,
            },
            "customer_additional_information": {"comment": "made by netvisor-api-client"},
        }
    )
    out["createdCustomerKey"] = customer_key
    out["createdCustomer"] = client.customers.get(customer_key)
    out["customersAfter"] = client.customers.list()

    out["productsBefore"] = client.products.list()
    out["seedProduct"] = client.products.get(out["productsBefore"][0]["netvisor_key"])
    product_key = client.products.create(
        {
            "product_base_information": {
                "product_code": "PY-1",
                "product_group": "Tuotteet",
                "name": "Pythonin hylly",
                "unit_price": {"amount": Decimal("12.50"), "type": "net"},
                "unit": "kpl",
                "is_active": True,
                "is_sales_product": True,
            },
            "product_bookkeeping_details": {"default_vat_percentage": Decimal("25.5")},
        }
    )
    out["createdProductKey"] = product_key
    out["createdProduct"] = client.products.get(product_key)
    out["productsAfter"] = client.products.list()

    out["invoicesBefore"] = client.sales_invoices.list()
    out["seedInvoice"] = client.sales_invoices.get(out["invoicesBefore"][0]["netvisor_key"])
    invoice_key = client.sales_invoices.create(
        {
            "date": date(2026, 3, 2),
            "amount": Decimal("31.38"),
            "status": "open",
            "invoicing_customer_identifier": str(customer_key),
            "payment_term_net_days": 14,
            "invoice_lines": [
                {
                    "identifier": {"identifier": str(product_key), "type": "netvisor"},
                    "name": "Pythonin hylly",
                    "unit_price": {"amount": Decimal("12.50"), "type": "net"},
                    "vat_percentage": {"percentage": Decimal("25.5"), "code": "KOMY"},
                    "quantity": Decimal("2"),
                }
            ],
        }
    )
    out["createdInvoiceKey"] = invoice_key
    out["createdInvoice"] = client.sales_invoices.get(invoice_key)
    out["invoicesAfter"] = client.sales_invoices.list()
    print(json.dumps(plain(out), ensure_ascii=False))


if __name__ == "__main__":
    main()
