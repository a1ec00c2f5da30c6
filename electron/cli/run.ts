import { main } from './pitwall-cli';

/** Entry point of `npm run pitwall`. */
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
