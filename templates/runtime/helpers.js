/* Small helpers every part of the runtime uses: message formatting, numbers in the learner's
   language, the guard that keeps any error out of the page, and DOM shorthands. */
var DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz";   // base 36: answers in the state
var LOCALE = "en";                     // the course language, for numbers (set when the page starts)

function format(template, values) {
  return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
    return typeof values[name] === "number" ? number(values[name], LOCALE) : String(values[name]);
  });
}

function number(value, locale) {
  try {
    return Number(value).toLocaleString(locale, { maximumFractionDigits: 2 });
  } catch (error) {
    return String(value);
  }
}

function guard(handler) {
  return function () {
    try {
      return handler.apply(this, arguments);
    } catch (error) {
      if (window.console) window.console.error("coursekit:", error);
    }
  };
}

function byId(id) {
  return document.getElementById(id);
}

function appendElement(parent, tag, className) {
  var element = document.createElement(tag);
  if (className) element.className = className;
  return parent.appendChild(element);
}
