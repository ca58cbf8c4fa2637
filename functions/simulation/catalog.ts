/** A small fixed catalog; prices in minor units. */
export const catalog = [
  { sku: 'TEA-001', name: { en: 'Jasmine green tea, 100 g', zh: '茉莉绿茶 100 克' }, unitPrice: 1_800 },
  { sku: 'MUG-002', name: { en: 'Stoneware mug', zh: '粗陶马克杯' }, unitPrice: 2_400 },
  { sku: 'PAN-003', name: { en: 'Cast-iron pan', zh: '铸铁平底锅' }, unitPrice: 6_900 },
  { sku: 'KNF-004', name: { en: "Chef's knife", zh: '厨师刀' }, unitPrice: 8_900 },
  { sku: 'BWL-005', name: { en: 'Rice bowls, set of 4', zh: '饭碗四件套' }, unitPrice: 3_200 },
  { sku: 'CHP-006', name: { en: 'Bamboo chopsticks, 10 pairs', zh: '竹筷十双' }, unitPrice: 1_200 },
  { sku: 'KTL-007', name: { en: 'Electric kettle', zh: '电热水壶' }, unitPrice: 4_900 },
  { sku: 'APR-008', name: { en: 'Linen apron', zh: '亚麻围裙' }, unitPrice: 2_900 },
] as const;
export type CatalogItem = (typeof catalog)[number];

export const SHOP_URL = 'https://shop.example.com';
