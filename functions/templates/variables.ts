/**
 * Every variable a template may use, as a tree: a string is a leaf (its description), an object
 * nests, a one-element array is a list whose items have that shape. The renderer builds exactly
 * this view (see email-view.ts) and the validator refuses any other name, so a typo such as
 * {{customer.firstNme}} is caught before publishing instead of printing nothing.
 */
export type VariableTree = { [name: string]: string | VariableTree | [VariableTree] };

export const templateVariables: VariableTree = {
  customer: { firstName: 'The customer first name; may be empty, so wrap it in {{#customer.firstName}}.' },
  cart: {
    items: [
      {
        name: 'Product name',
        quantity: 'How many',
        formattedPrice: 'Unit price, formatted for the locale and currency',
        formattedTotal: 'Price times quantity, formatted',
        imageUrl: 'Product image URL (may be empty)',
        url: 'Product page URL (may be empty)',
      },
    ],
    itemCount: 'Number of items in the cart',
    formattedSubtotal: 'Cart subtotal, formatted',
  },
  checkoutUrl: 'Link back to the cart; nudge adds UTM parameters when sending',
  shopUrl: 'The shop home page (settings.shopUrl)',
  coupon: {
    code: 'The coupon code, e.g. K7QM-3XD9-PW2H-T',
    formattedValue: 'What the coupon gives, e.g. "15% off (up to $20.00)"',
    expiresAt: 'When the coupon expires, formatted for the locale',
  },
  sender: { name: 'settings.sender.name', postalAddress: 'settings.postalAddress' },
  unsubscribeUrl: 'One-click unsubscribe link',
};

/** Every variable path, e.g. customer.firstName and cart.items (lists count as one name). */
export const variablePaths = (tree: VariableTree = templateVariables, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([name, node]) => {
    const path = `${prefix}${name}`;
    if (typeof node === 'string') return [path];
    const inner = Array.isArray(node) ? node[0] : node;
    return [path, ...variablePaths(inner, `${path}.`)];
  });
