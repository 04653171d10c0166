namespace ej::formats {}
