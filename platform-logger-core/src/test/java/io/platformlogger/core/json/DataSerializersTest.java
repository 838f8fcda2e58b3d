package io.platformlogger.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DataSerializersTest {
  static class Base {}

  static class Square extends Base {}

  static class Unrelated {}

  static class Late {}

  @Test
  void findsTheSerializerOfTheExactClassFirst() {
    DataSerializers.register(Base.class, b -> "base");
    DataSerializers.register(Square.class, s -> "square");
    assertThat(DataSerializers.find(Square.class).apply(new Square())).isEqualTo("square");
    assertThat(DataSerializers.find(Base.class).apply(new Base())).isEqualTo("base");
  }

  interface Animal {}

  interface Pet extends Animal {}

  static class Mammal implements Pet {}

  static class Dog extends Mammal {}

  static class Puppy extends Dog {}

  @Test
  void fallsBackToSuperInterfacesThenPrefersSuperclassesNearestFirst() {
    Puppy puppy = new Puppy();
    assertThat(DataSerializers.find(Puppy.class)).isNull();
    DataSerializers.register(Animal.class, a -> "animal");
    assertThat(DataSerializers.find(Puppy.class).apply(puppy)).isEqualTo("animal");
    DataSerializers.register(Mammal.class, m -> "mammal");
    assertThat(DataSerializers.find(Puppy.class).apply(puppy)).isEqualTo("mammal");
    DataSerializers.register(Dog.class, d -> "dog");
    assertThat(DataSerializers.find(Puppy.class).apply(puppy)).isEqualTo("dog");
    DataSerializers.register(Puppy.class, p -> "puppy");
    assertThat(DataSerializers.find(Puppy.class).apply(puppy)).isEqualTo("puppy");
    assertThat(DataSerializers.find(Mammal.class).apply(puppy)).isEqualTo("mammal");
  }

  @Test
  void findsNothingForUnregisteredTypes() {
    assertThat(DataSerializers.find(Unrelated.class)).isNull();
    assertThat(DataSerializers.find(null)).isNull();
  }

  @Test
  void seesRegistrationsMadeAfterAnEarlierLookup() {
    assertThat(DataSerializers.find(Late.class)).isNull();
    DataSerializers.register(Late.class, l -> "late");
    Function<Object, ?> found = DataSerializers.find(Late.class);
    assertThat(found).isNotNull();
    assertThat(found.apply(new Late())).isEqualTo("late");
    DataSerializers.register(Late.class, l -> "later");
    assertThat(DataSerializers.find(Late.class).apply(new Late())).isEqualTo("later");
  }

  @Test
  void rejectsNullArguments() {
    assertThatThrownBy(() -> DataSerializers.register(null, x -> x))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> DataSerializers.register(Unrelated.class, null))
        .isInstanceOf(NullPointerException.class);
  }
}
