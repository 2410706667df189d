import { describe, expect, it } from 'vitest';
import { tagLines } from './harness.js';

describe('python tags', () => {
  it('finds every definition and reference in shapes.py', async () => {
    expect(await tagLines('python', 'shapes.py')).toEqual([
      'ref import path 1',
      'ref import OrderedDict 2',
      'ref import Base 3',
      'ref import helper 3',
      'def constant MAX_SIZE 5 ./shapes.py::shapes.MAX_SIZE',
      'def variable registry 6 ./shapes.py::shapes.registry',
      'def class Shape 9 ./shapes.py::shapes.Shape',
      'ref inherit Base 9',
      'ref type int 10',
      'def method area 12 ./shapes.py::shapes.Shape.area',
      'ref type float 12',
      'ref call helper 13',
      'ref call property 15',
      'def method name 16 ./shapes.py::shapes.Shape.name',
      'ref type str 16',
      'ref call basename 17',
      'ref call str 17',
      'def class Meta 19 ./shapes.py::shapes.Shape.Meta',
      'ref call OD 20',
      'ref call register 23',
      'def function make_shape 24 ./shapes.py::shapes.make_shape',
      'ref type Shape 24',
      'ref type Shape 24',
      'def function inner 25 ./shapes.py::shapes.make_shape.inner',
      'ref call Shape 26',
      'ref call inner 27',
      'def class Square 30 ./shapes.py::shapes.Square',
      'ref inherit ABC 30',
      'ref inherit Shape 30',
      'def method area 31 ./shapes.py::shapes.Square.area',
      'ref call area 32',
      'ref call super 32',
    ]);
  });
});
