import { View } from '@tarojs/components'

/** Built in the station work; a page of its own soon. */
export default function Page() {
  return <View />
}
