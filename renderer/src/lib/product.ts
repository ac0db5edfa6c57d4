/** The product's name: a name, the same in every language (not a message to translate). */
export const productName = 'Keyward';
