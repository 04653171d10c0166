namespace ej::report {}
