/* SHA-256 over bytes, small and synchronous (WebCrypto is async, and absent outside secure
   contexts, which some LMS sites still are). Used only to unseal answer keys. */
var SHA256_K = [], SHA256_H = [];
(function () {
  for (var n = 2, found = 0; found < 64; n++) {
    for (var d = 2; d * d <= n && n % d; d++);
    if (d * d > n) {
      if (found < 8) SHA256_H[found] = (Math.pow(n, 1 / 2) % 1) * 4294967296 | 0;
      SHA256_K[found++] = (Math.pow(n, 1 / 3) % 1) * 4294967296 | 0;
    }
  }
})();

function sha256(bytes) {
  var length = bytes.length, padded = ((length + 72) >> 6) << 6;
  var message = new Uint8Array(padded), w = new Int32Array(64), hash = SHA256_H.slice();
  message.set(bytes);
  message[length] = 0x80;
  for (var i = 0; i < 4; i++) message[padded - 1 - i] = (length * 8) >>> (8 * i);
  for (var offset = 0; offset < padded; offset += 64) {
    for (i = 0; i < 64; i++) {
      if (i < 16) {
        w[i] = message[offset + 4 * i] << 24 | message[offset + 4 * i + 1] << 16 | message[offset + 4 * i + 2] << 8 | message[offset + 4 * i + 3];
      } else {
        var x = w[i - 15], y = w[i - 2];
        w[i] = w[i - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[i - 7] + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10)) | 0;
      }
    }
    var a = hash[0], b = hash[1], c = hash[2], d2 = hash[3], e = hash[4], f = hash[5], g = hash[6], h = hash[7];
    for (i = 0; i < 64; i++) {
      var t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i] | 0;
      var t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c)) | 0;
      h = g; g = f; f = e; e = d2 + t1 | 0; d2 = c; c = b; b = a; a = t1 + t2 | 0;
    }
    var next = [a, b, c, d2, e, f, g, h];
    for (i = 0; i < 8; i++) hash[i] = hash[i] + next[i] | 0;
  }
  var digest = new Uint8Array(32);
  for (i = 0; i < 32; i++) digest[i] = hash[i >> 2] >>> (24 - 8 * (i & 3));
  return digest;
}

function rotr(value, bits) {
  return (value >>> bits) | (value << (32 - bits));
}

/* The inverse of builder/quiz/answer_key.py seal(): base64 XOR a SHA-256 keystream, as JSON. */
function unseal(salt, id, sealed) {
  var raw = atob(sealed), data = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
  var key = sha256(new TextEncoder().encode(salt + "|" + id)), block = new Uint8Array(36), stream;
  block.set(key);
  for (i = 0; i < data.length; i++) {
    if (i % 32 === 0) {
      block[32] = (i >> 5) >>> 24; block[33] = (i >> 5) >>> 16; block[34] = (i >> 5) >>> 8; block[35] = i >> 5;
      stream = sha256(block);
    }
    data[i] ^= stream[i % 32];
  }
  return JSON.parse(new TextDecoder().decode(data));
}
